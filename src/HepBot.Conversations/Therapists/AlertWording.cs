using HepBot.Conversations.Content;
using HepBot.Core.Alerts;
using HepBot.Core.Safety;
using HepBot.Data;
using Microsoft.EntityFrameworkCore;

namespace HepBot.Conversations.Therapists;

/// <summary>What an alert is about, in the fields it is worded from.</summary>
/// <param name="ExerciseName">The exercise's name in the reader's language, when the alert names one.</param>
public sealed record AlertFields(AlertKind Kind, UrgencyTier? Tier, IReadOnlyList<SymptomFinding> Findings, int? PainScore,
    AlertMoment? Moment, string? ExerciseName, string? Detail)
{
    public static AlertFields Of(Alert alert, string? exerciseName) =>
        new(alert.Kind, alert.Tier, alert.FindingList, alert.PainScore, alert.Moment, exerciseName, alert.Detail);
}

/// <summary>
/// Why an alert was raised, in the reader's language: the one wording for the web app, <c>GET /api/v1/alerts</c>
/// and the therapist's chat and e-mail alert (texts in dialogs/&lt;language&gt;/alerts.yaml). A safety alert is
/// worded from its fields (tier, warning signs, pain score, where in the conversation, the exercise), a nightly
/// alert from the facts in its fixed English detail (<see cref="DailyAlertDetail"/>); an alert stored before
/// those fields were kept shows its detail as stored. The patient's own words are not part of it: each reader
/// quotes them in its own way.
/// </summary>
public static class AlertWording
{
    /// <param name="withTier">The chat and e-mail say the tier; the web app shows it as a badge beside the text.</param>
    public static string? Why(DialogTextCatalog catalog, string? language, AlertFields alert, bool withTier)
    {
        if (DailyAlertDetail.Read(alert.Kind, alert.Detail) is { } facts)
            return catalog.Get(language, "alerts.detail." + Camel(alert.Kind.ToString()), [.. facts.Values.Select(v => (v.Name, (object?)v.Value))]);
        if (alert.Tier is null && alert.Moment is null && alert.Kind != AlertKind.PatientMessage)
            return alert.Detail;

        var parts = new List<string>();
        if (withTier && alert.Tier is { } tier and not UrgencyTier.None)
            parts.Add(catalog.Get(language, "alerts.tier." + Camel(tier.ToString())) + ".");
        if (alert.Kind == AlertKind.AskedForHelp)
            parts.Add(alert.ExerciseName is { } unsureOf
                ? catalog.Get(language, "alerts.unsureHow", ("exercise", unsureOf))
                : catalog.Get(language, "alerts.unsureHowAll"));
        if (alert.Findings.Count > 0)
            parts.Add(catalog.Get(language, "alerts.reasonFindings", ("findings",
                string.Join(", ", alert.Findings.Select(f => catalog.Get(language, "safety.finding." + Camel(f.ToString())))))));
        if (alert.PainScore is { } score)
            parts.Add(catalog.Get(language, "alerts.reasonPain", ("score", score)));
        if (alert.Moment is { } moment && !(alert.Kind == AlertKind.AskedForHelp && moment == AlertMoment.AtExercise))
            parts.Add(moment == AlertMoment.AtExercise && alert.ExerciseName is { } name
                ? catalog.Get(language, "alerts.moment.atExercise", ("exercise", name))
                : catalog.Get(language, "alerts.moment." + (moment == AlertMoment.AtExercise ? "atAnExercise" : Camel(moment.ToString()))));
        return parts.Count == 0 ? null : string.Join(" ", parts);
    }

    /// <summary>The names, in the reader's language, of the exercises these alerts were raised at.</summary>
    public static async Task<IReadOnlyDictionary<Guid, string>> ExerciseNamesAsync(HepBotDbContext db, IEnumerable<Guid?> exerciseIds,
        string language, CancellationToken ct)
    {
        var ids = exerciseIds.OfType<Guid>().Distinct().ToList();
        if (ids.Count == 0)
            return new Dictionary<Guid, string>();
        var exercises = await db.Exercises.AsNoTracking().Where(e => ids.Contains(e.Id)).ToListAsync(ct);
        return exercises.Where(e => e.Texts.Count > 0).ToDictionary(e => e.Id, e => e.TextFor(language).Name);
    }

    public static string? NameOf(IReadOnlyDictionary<Guid, string> names, Guid? exerciseId) =>
        exerciseId is { } id && names.TryGetValue(id, out var name) ? name : null;

    private static string Camel(string name) => char.ToLowerInvariant(name[0]) + name[1..];
}
