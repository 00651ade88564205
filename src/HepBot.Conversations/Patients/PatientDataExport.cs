using System.Globalization;
using HepBot.Conversations.Bot;
using HepBot.Conversations.Content;
using HepBot.Conversations.Dialogs;
using HepBot.Core.Audit;
using HepBot.Core.Patients;
using HepBot.Core.Time;
using HepBot.Data;
using Microsoft.Bot.Builder;
using Microsoft.EntityFrameworkCore;

namespace HepBot.Conversations.Patients;

/// <summary>
/// "My data": everything HepBot stores about the patient, written out in their language as plain text.
/// Reading it is audited like any other read of patient data.
/// </summary>
public sealed class PatientDataExport(IDbContextFactory<HepBotDbContext> contexts, Phrases phrases, DoseWords doseWords, TimeProvider clock)
{
    public const int SessionDays = 90;

    public async Task<string> BuildAsync(ITurnContext turn, Guid patientId, CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var patient = await db.Patients.AsNoTracking().SingleAsync(p => p.Id == patientId, ct);
        var locale = turn.Activity.Locale ?? patient.Locale;
        var none = phrases.Get(turn, "data.exportNone");
        var lines = new List<string>
        {
            phrases.Get(turn, "data.exportIntro"),
            "",
            phrases.Get(turn, "data.exportProfile",
                ("name", patient.DisplayName),
                ("language", phrases.Catalog.Get(patient.Locale, "settings.languageName")),
                ("zone", patient.TimeZoneId),
                ("times", patient.ReminderTimes.Count == 0 ? none : string.Join(", ", patient.ReminderTimes.Select(ReminderTimeText.Format))),
                ("reminders", patient.PausedUntil is { } until
                    ? phrases.Get(turn, "data.remindersPausedUntil", ("date", until.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)))
                    : phrases.Get(turn, "data.remindersOn")),
                ("linked", patient.LinkedAt?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? none)),
        };

        var prescription = await db.Prescriptions.AsNoTracking().AsSplitQuery()
            .Include(p => p.Items.OrderBy(i => i.Order)).ThenInclude(i => i.Exercise)
            .SingleOrDefaultAsync(p => p.PatientId == patientId && p.SupersededAt == null, ct);
        if (prescription is not null)
        {
            lines.Add("");
            lines.Add(phrases.Get(turn, "data.exportProgram", ("version", prescription.Version),
                ("start", prescription.Schedule.StartDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture))));
            lines.AddRange(prescription.Items.Select(i => phrases.Get(turn, "data.exportProgramItem",
                ("name", i.Exercise!.TextFor(locale).Name), ("dose", doseWords.Describe(turn, i)))));
        }

        var since = PatientClock.LocalDate(clock.GetUtcNow(), patient.TimeZoneId).AddDays(1 - SessionDays);
        var sessions = await db.SessionLogs.AsNoTracking().Include(l => l.Exercises)
            .Where(l => l.PatientId == patientId && l.LocalDate >= since)
            .OrderBy(l => l.LocalDate).ThenBy(l => l.SessionNumber)
            .ToListAsync(ct);
        lines.Add("");
        lines.Add(phrases.Get(turn, "data.exportSessionsTitle", ("days", SessionDays)));
        if (sessions.Count == 0)
            lines.Add(phrases.Get(turn, "data.exportNoSessions"));
        lines.AddRange(sessions.Select(s => phrases.Get(turn, "data.exportSession",
            ("date", s.LocalDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)),
            ("status", phrases.Get(turn, "data.status." + char.ToLowerInvariant(s.Status.ToString()[0]) + s.Status.ToString()[1..])),
            ("done", s.ExercisesDone), ("planned", s.ExercisesPlanned),
            ("before", s.PainBefore?.ToString(CultureInfo.InvariantCulture) ?? "–"), ("after", s.PainAfter?.ToString(CultureInfo.InvariantCulture) ?? "–"))));

        var messages = await db.PatientMessages.CountAsync(m => m.PatientId == patientId, ct);
        lines.Add("");
        lines.Add(phrases.Get(turn, "data.exportMessagesTitle", ("count", messages)));

        db.Audit(AuditTrail.Patient(patientId), AuditAction.Export, nameof(Patient), patientId, patientId, clock.GetUtcNow());
        await db.SaveChangesAsync(ct);
        return string.Join("\n", lines);
    }
}
