using HepBot.Core.Alerts;
using HepBot.Core.Audit;
using HepBot.Core.Clinics;
using HepBot.Core.Patients;
using HepBot.Core.Safety;
using HepBot.Core.Sessions;
using HepBot.Core.Time;
using HepBot.Data;
using HepBot.Data.Alerts;
using HepBot.Host.Api;
using HepBot.Host.Api.Prescriptions;
using Microsoft.EntityFrameworkCore;

namespace HepBot.Host.Demo;

/// <summary>
/// Demo patients with eight weeks of history, so every page of the app shows something on first run:
/// Maria and Priya keep it up, Sam is slipping (missed days with the barriers he gave), Lucía had a pain
/// spike whose alert was acknowledged and has written to her therapist. Only ever in the demo clinic, named
/// "Demo – …" so nobody takes them for real, the same every time (no randomness, days counted back from
/// the first run), and added once: a clinic that already has them is left alone.
/// </summary>
internal static class DemoHistory
{
    public const string NamePrefix = "Demo – ";
    public const int Days = 56;
    private const string Actor = "system";

    public sealed record Profile(string FirstName, string Locale, Func<int, DayPlan> Day);

    /// <summary>One day of the history: not done at all (with a barrier, or none), or a session with these pains and skips.</summary>
    public sealed record DayPlan(bool Trained, int PainBefore = 0, int PainAfter = 0, int Skipped = 0, SkipReason? Barrier = null);

    public static readonly IReadOnlyList<Profile> Profiles =
    [
        // Adherent, pain settling from 4 to 1 over the weeks; a busy day now and then.
        new("Maria", "en", d => d % 13 == 5
            ? new(false, Barrier: SkipReason.NoTime)
            : new(true, 4 - d * 3 / Days, Math.Max(0, 3 - d * 3 / Days), Skipped: d % 9 == 3 ? 1 : 0, Barrier: d % 9 == 3 ? SkipReason.NoTime : null)),
        // Adherent, steady low pain; one exercise left out on a few days because it hurt.
        new("Priya", "en", d => d % 17 == 8
            ? new(false, Barrier: SkipReason.Forgot)
            : new(true, 2, 2, Skipped: d % 11 == 4 ? 1 : 0, Barrier: d % 11 == 4 ? SkipReason.Pain : null)),
        // Slipping: good for five weeks, then mostly missed, with the reasons he gave at the check-in.
        new("Sam", "en", d => d < 35
            ? (d % 7 == 6 ? new(false, Barrier: SkipReason.NoTime) : new(true, 3, 2))
            : d % 3 == 0 ? new(true, 3, 3, Skipped: 1, Barrier: SkipReason.NoTime)
            : new(false, Barrier: d % 2 == 0 ? SkipReason.NoTime : d % 5 == 0 ? null : SkipReason.Forgot)),
        // A pain spike in week six (up to 8/10), then settling again; Spanish-speaking.
        new("Lucía", "es", d => d is >= 38 and <= 41
            ? new(true, 4 + (d - 38), 5 + (d - 38), Skipped: 1, Barrier: SkipReason.Pain)
            : new(true, d > 41 ? 3 : 2, d > 41 ? 3 : 2)),
    ];

    /// <returns>How many demo patients were added (0 when the clinic already has them).</returns>
    public static async Task<int> EnsureAsync(HepBotDbContext db, Therapist therapist, string timeZone, PrescribeRequest program,
        DateTimeOffset now, CancellationToken ct)
    {
        if (await db.Patients.AnyAsync(p => p.ClinicId == therapist.ClinicId && p.DisplayName.StartsWith(NamePrefix), ct))
            return 0;
        var today = PatientClock.LocalDate(now, timeZone);
        var firstDay = today.AddDays(-Days);
        var added = 0;
        foreach (var profile in Profiles)
        {
            var patient = new Patient
            {
                ClinicId = therapist.ClinicId,
                TherapistId = therapist.Id,
                DisplayName = NamePrefix + profile.FirstName,
                Locale = profile.Locale,
                TimeZoneId = timeZone,
                ReminderTimes = [new TimeOnly(18, 0)],
                CreatedAt = At(firstDay.AddDays(-1), 10, timeZone),
            };
            db.Patients.Add(patient);
            db.Audit(Actor, AuditAction.Create, nameof(Patient), patient.Id, patient.Id, now);
            var errors = new FieldErrors();
            var request = program with { Schedule = new ScheduleRequest(1, null, firstDay, null) };
            var prescription = await PrescriptionVersions.AddNextVersionAsync(db, patient, therapist.Id, request, patient.CreatedAt, errors, ct)
                ?? throw new InvalidOperationException("The demo program does not pass the prescription rules.");
            var items = prescription.Items.OrderBy(i => i.Order).ToList();

            for (var d = 0; d < Days; d++)
            {
                var day = firstDay.AddDays(d);
                var plan = profile.Day(d);
                var started = At(day, 18, timeZone).AddMinutes(d % 4 * 7);
                if (!plan.Trained)
                {
                    // A missed day is only on record when the patient said why (skipped it, or answered the check-in).
                    if (plan.Barrier is { } barrier)
                        db.SessionLogs.Add(new SessionLog
                        {
                            PatientId = patient.Id, PrescriptionId = prescription.Id, LocalDate = day, ExercisesPlanned = items.Count,
                            Status = SessionStatus.SkippedDay, SkipBarrier = barrier, StartedAt = started, EndedAt = started,
                        });
                    continue;
                }
                var log = new SessionLog
                {
                    PatientId = patient.Id, PrescriptionId = prescription.Id, LocalDate = day, ExercisesPlanned = items.Count,
                    Status = SessionStatus.Completed, PainBefore = plan.PainBefore, PainAfter = plan.PainAfter,
                    Difficulty = plan.PainAfter >= 6 ? Difficulty.Hard : Difficulty.JustRight,
                    StartedAt = started, EndedAt = started.AddMinutes(4 * items.Count + 2),
                };
                foreach (var item in items)
                {
                    var skipped = item.Order > items.Count - plan.Skipped;
                    log.Exercises.Add(new ExerciseLog
                    {
                        PrescriptionItemId = item.Id, ExerciseId = item.ExerciseId, Order = item.Order,
                        Outcome = skipped ? ExerciseOutcome.Skipped : ExerciseOutcome.Done,
                        Barrier = skipped ? plan.Barrier : null,
                        SetsDone = skipped ? 0 : item.Dose.Sets,
                        Pain = skipped && plan.Barrier == SkipReason.Pain ? plan.PainAfter : null,
                        RecordedAt = started.AddMinutes(4 * item.Order),
                    });
                }
                db.SessionLogs.Add(log);
            }

            if (profile.FirstName == "Lucía")
                AddSpikeAndMessage(db, patient, therapist, firstDay, timeZone);
            added++;
        }
        await db.SaveChangesAsync(ct);
        return added;
    }

    /// <summary>Lucía's high-pain alert on the worst day, acknowledged next morning, and her question since.</summary>
    private static void AddSpikeAndMessage(HepBotDbContext db, Patient patient, Therapist therapist, DateOnly firstDay, string timeZone)
    {
        var spike = At(firstDay.AddDays(41), 18, timeZone).AddMinutes(20);
        var alert = AlertWriter.Open(db, patient.Id, therapist.Id, AlertKind.HighPain, AlertSeverity.Urgent, "Pain 8/10 after the session", spike);
        // The fields a chat-raised alert carries, so the app words it in the therapist's language like a real one.
        alert.Tier = UrgencyTier.TherapistReview;
        alert.PainScore = 8;
        alert.Moment = AlertMoment.AfterSession;
        alert.AcknowledgedAt = spike.AddHours(15);
        alert.AcknowledgedById = therapist.Id;
        foreach (var row in db.AlertDeliveries.Local.Where(r => r.AlertId == alert.Id))
        {
            row.State = row.Destination == AlertDestination.Chat ? AlertDeliveryState.Undeliverable : AlertDeliveryState.NotNeeded;
            row.LastError = row.Destination == AlertDestination.Chat ? "no reachable chat" : null;
        }
        var asked = At(firstDay.AddDays(Days - 2), 19, timeZone);
        const string question = "La rodilla va mejor desde el jueves. ¿Puedo volver a hacer las sentadillas completas?";
        db.PatientMessages.Add(new PatientMessage
        {
            PatientId = patient.Id, TherapistId = therapist.Id, Direction = MessageDirection.PatientToTherapist, SentAt = asked,
            Text = question,
        });
        // As a message sent from the chat raises it: with the patient's words, so the alert shows them.
        var message = AlertWriter.Open(db, patient.Id, therapist.Id, AlertKind.PatientMessage, AlertSeverity.Info, "New message from the patient", asked);
        message.Tier = UrgencyTier.None;
        message.PatientWords = question;
    }

    private static DateTimeOffset At(DateOnly day, int hour, string timeZone)
    {
        var local = day.ToDateTime(new TimeOnly(hour, 0));
        return new DateTimeOffset(local, PatientClock.Zone(timeZone).GetUtcOffset(local)).ToUniversalTime();
    }
}
