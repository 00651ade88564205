using HepBot.Core.Exercises;
using Microsoft.EntityFrameworkCore;

namespace HepBot.Data.ExerciseLibrary;

/// <summary>How a library seed went: exercises added, brought up to date, and already current.</summary>
public sealed record LibrarySeedResult(int Added, int Updated, int Unchanged);

/// <summary>
/// Brings the shared exercise library in the database (exercises without a clinic) in line with the
/// library file, matching exercises by slug.
/// </summary>
/// <remarks>
/// An existing exercise is updated in place, keeping its Id, because prescriptions point at it. Nothing
/// is deleted: an exercise dropped from the file may still be prescribed. Clinics' own exercises are
/// never touched, even when one has a library slug.
/// </remarks>
public static class ExerciseLibrarySeeder
{
    public static async Task<LibrarySeedResult> SeedAsync(
        HepBotDbContext db, IReadOnlyList<Exercise> libraryExercises, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(libraryExercises);
        if (libraryExercises.FirstOrDefault(e => e.ClinicId is not null) is { } custom)
            throw new ArgumentException($"Library exercise '{custom.Slug}' belongs to a clinic; the library is shared.", nameof(libraryExercises));
        if (libraryExercises.GroupBy(e => e.Slug).FirstOrDefault(g => g.Count() > 1) is { } duplicate)
            throw new ArgumentException($"Library exercise slug '{duplicate.Key}' appears more than once.", nameof(libraryExercises));

        var stored = await db.Exercises
            .Where(e => e.ClinicId == null)
            .ToDictionaryAsync(e => e.Slug, cancellationToken);

        int added = 0, updated = 0, unchanged = 0;
        foreach (var incoming in libraryExercises)
        {
            if (!stored.TryGetValue(incoming.Slug, out var existing))
            {
                var exercise = new Exercise { Slug = incoming.Slug, DefaultDose = incoming.DefaultDose, CreatedAt = now };
                CopyContent(incoming, exercise, now);
                db.Exercises.Add(exercise);
                added++;
            }
            else if (HasSameContent(existing, incoming))
            {
                unchanged++;
            }
            else
            {
                CopyContent(incoming, existing, now);
                updated++;
            }
        }

        await db.SaveChangesAsync(cancellationToken);
        return new LibrarySeedResult(added, updated, unchanged);
    }

    private static bool HasSameContent(Exercise stored, Exercise incoming) =>
        stored.Region == incoming.Region
        && stored.DefaultDose == incoming.DefaultDose
        && stored.Media == incoming.Media
        && stored.Texts.Count == incoming.Texts.Count
        && incoming.Texts.All(text => stored.Texts.Any(s => HasSameWords(s, text)));

    private static bool HasSameWords(ExerciseText a, ExerciseText b) =>
        a.Locale == b.Locale
        && a.Name == b.Name
        && a.Steps.SequenceEqual(b.Steps)
        && a.Cues.SequenceEqual(b.Cues)
        && a.Cautions.SequenceEqual(b.Cautions);

    // Fresh copies of the owned values: an owned instance can belong to only one tracked exercise,
    // and the caller's objects stay theirs.
    private static void CopyContent(Exercise from, Exercise to, DateTimeOffset now)
    {
        to.Region = from.Region;
        to.DefaultDose = from.DefaultDose;
        to.Media = from.Media is null ? null : from.Media with { };
        to.Texts = from.Texts.Select(t => new ExerciseText
        {
            Locale = t.Locale,
            Name = t.Name,
            Steps = [.. t.Steps],
            Cues = [.. t.Cues],
            Cautions = [.. t.Cautions],
        }).ToList();
        to.UpdatedAt = now;
    }
}
