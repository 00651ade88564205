using HepBot.Core.Exercises;
using HepBot.Data;
using Microsoft.EntityFrameworkCore;

namespace HepBot.Host.ExerciseLibrary;

/// <summary>
/// Puts the library into the database by slug: new slugs are added, known ones take the file's
/// content, nothing is duplicated. ExerciseLibrarySeeder in HepBot.Data replaces this when it lands.
/// </summary>
internal static class LibraryImport
{
    public static async Task<int> ImportAsync(
        HepBotDbContext db, IReadOnlyList<Exercise> library, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (library.Count == 0)
            return 0;
        var stored = await db.Exercises.Where(e => e.ClinicId == null).ToDictionaryAsync(e => e.Slug, cancellationToken);
        foreach (var exercise in library)
        {
            if (stored.TryGetValue(exercise.Slug, out var existing))
            {
                existing.Region = exercise.Region;
                existing.DefaultDose = exercise.DefaultDose;
                existing.Media = exercise.Media;
                existing.Texts = exercise.Texts;
                if (db.Entry(existing).State == EntityState.Modified)
                    existing.UpdatedAt = now;
                continue;
            }
            exercise.ClinicId = null;
            exercise.CreatedAt = now;
            exercise.UpdatedAt = now;
            db.Exercises.Add(exercise);
        }
        return await db.SaveChangesAsync(cancellationToken);
    }
}
