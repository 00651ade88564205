using HepBot.Conversations.Bot;
using HepBot.Conversations.Sessions;
using HepBot.Core.Alerts;
using HepBot.Core.Safety;
using HepBot.Core.Sessions;
using HepBot.Data;
using Microsoft.Bot.Builder;
using Microsoft.EntityFrameworkCore;

namespace HepBot.Conversations.Safety;

/// <summary>
/// What HepBot does about a warning sign, wherever it was reported (typed, chosen in the red-flag
/// check, or in a message to the therapist): the tier's advice in the patient's language, one alert
/// that says why, and today's session stopped when the tier says so.
/// </summary>
public sealed class SafetyResponder(IDbContextFactory<HepBotDbContext> contexts, Phrases phrases, SymptomLexicons lexicons,
    SessionRecorder recorder, PainTriageOptions pain, TimeProvider clock)
{
    /// <summary>What the turn's text says about warning signs and pain, in the turn's language.</summary>
    public SymptomRecognition Recognize(ITurnContext turn) =>
        SymptomRecognizer.Recognize(turn.Activity.Text, lexicons.For(turn.Activity.Locale));

    public UrgencyTier TierOf(SymptomRecognition read) => read.Tier(pain);

    /// <summary>The clinic's emergency number, or the dialogs' words for it.</summary>
    public async Task<string> EmergencyNumberAsync(ITurnContext turn, CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var patientId = ChatPerson.Of(turn).PatientId;
        var number = await db.Patients.Where(p => p.Id == patientId)
            .Join(db.Clinics, p => p.ClinicId, c => c.Id, (p, c) => c.EmergencyNumber).SingleOrDefaultAsync(ct);
        return string.IsNullOrWhiteSpace(number) ? phrases.Get(turn, "safety.emergencyNumber") : number;
    }

    /// <param name="atExercise">
    /// A therapist-review sign at an exercise stops that exercise; anywhere else (the menu, linking, a message to
    /// the therapist) there is no exercise to stop, so the patient is told to go gently instead.
    /// </param>
    public async Task SayAdviceAsync(ITurnContext turn, UrgencyTier tier, CancellationToken ct, bool atExercise = true)
    {
        if (tier == UrgencyTier.None)
            return;
        var key = "safety.advice." + char.ToLowerInvariant(tier.ToString()[0]) + tier.ToString()[1..];
        if (tier == UrgencyTier.TherapistReview)
            await phrases.SayAsync(turn, atExercise ? key : "safety.unwellTherapistReview", ct);
        else
            await phrases.SayAsync(turn, key, ct, ("emergencyNumber", await EmergencyNumberAsync(turn, ct)));
    }

    /// <summary>
    /// The tier's advice and alert. An emergency or same-day finding ends today's session (started and
    /// stopped if it had not begun, so "start" does not carry on as if nothing happened).
    /// </summary>
    /// <returns>True when today's session was stopped.</returns>
    public async Task<bool> RespondAsync(ITurnContext turn, AlertReason reason, CancellationToken ct)
    {
        await SayAdviceAsync(turn, reason.Tier, ct);
        return await RecordAsync(ChatPerson.Of(turn).PatientId, reason, ct);
    }

    /// <summary>
    /// The alert of <see cref="RespondAsync"/> and today's session stopped when the tier says so, for advice
    /// already given (a warning sign typed before the chat was linked).
    /// </summary>
    /// <returns>True when today's session was stopped.</returns>
    public async Task<bool> RecordAsync(Guid patientId, AlertReason reason, CancellationToken ct)
    {
        var kind = reason.Findings.Count > 0 ? AlertKind.RedFlag : AlertKind.HighPain;
        var detail = Detail(reason);
        if (reason.Tier >= UrgencyTier.SameDay && await TodaysLogAsync(patientId, begin: true, ct) is { } log)
        {
            await recorder.StopForSafetyAsync(log.Id, kind, detail, ct, reason);
            return true;
        }
        await RaiseAsync(patientId, kind, reason, ct);
        return false;
    }

    public async Task RaiseAsync(Guid patientId, AlertKind kind, AlertReason reason, CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        await Data.Alerts.AlertWriter.RaiseAsync(db, patientId, kind, reason.Severity, Detail(reason), clock.GetUtcNow(), ct, reason);
        await db.SaveChangesAsync(ct);
    }

    /// <summary>Today's unfinished session; with <paramref name="begin"/>, one is begun on a training day that has none open.</summary>
    public async Task<SessionLog?> TodaysLogAsync(Guid patientId, bool begin, CancellationToken ct)
    {
        var plan = await recorder.LoadTodayAsync(patientId, ct);
        if (plan is null || !plan.HasProgram)
            return null;
        if (plan.Unfinished is { } open)
            return open;
        return begin && plan.IsTrainingDay && !plan.AllSessionsFinished ? await recorder.BeginAsync(plan, ct) : null;
    }

    /// <summary>The facts in the therapist's language-neutral words; the patient's own words are in their own field.</summary>
    public static string Detail(AlertReason reason) =>
        string.Join("; ", new[]
        {
            reason.Tier.ToString(),
            reason.Findings.Count > 0 ? reason.FindingNames.Replace(",", ", ", StringComparison.Ordinal) : null,
            reason.PainScore is { } score ? $"pain {score}/10" : null,
        }.Where(p => p is not null));
}
