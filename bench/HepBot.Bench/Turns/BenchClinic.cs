using HepBot.Core.Clinics;
using HepBot.Core.Linking;
using HepBot.Core.Patients;
using HepBot.Core.Prescriptions;
using HepBot.Data;
using Microsoft.EntityFrameworkCore;

namespace HepBot.Bench.Turns;

/// <summary>
/// One clinic and therapist, and patients on demand, each with the demo's six-exercise knee program every day
/// and an open invitation code: what a conversation needs to link and then do today's session.
/// </summary>
internal sealed class BenchClinic(IDbContextFactory<HepBotDbContext> contexts, TimeProvider clock)
{
    public static readonly string[] Program = ["quad-set", "straight-leg-raise", "heel-slide", "short-arc-quad", "bridge", "sit-to-stand"];

    private Guid _clinicId;
    private Guid _therapistId;

    public async Task<List<string>> InviteAsync(int patients) => [.. (await AddPatientsAsync(patients, linked: false)).Select(p => p.Code!)];

    /// <summary>
    /// Patients whose Teams chats are linked already, written as the invitation redeemer leaves them (the chat's
    /// account with the linking user, the patient linked and agreeing to messages): for the memory figure, where
    /// only the conversations' turns today matter, not 10,000 linking dialogs.
    /// </summary>
    public Task<List<BenchPatient>> LinkedAsync(int patients) => AddPatientsAsync(patients, linked: true);

    private async Task<List<BenchPatient>> AddPatientsAsync(int patients, bool linked)
    {
        var now = clock.GetUtcNow();
        await using var db = await contexts.CreateDbContextAsync();
        if (_clinicId == Guid.Empty)
        {
            var clinic = new Clinic { Name = "Bench Physio", CreatedAt = now };
            var therapist = new Therapist { ClinicId = clinic.Id, Name = "Bench Therapist", Email = "bench@hepbot.local", CreatedAt = now };
            db.AddRange(clinic, therapist);
            await db.SaveChangesAsync();
            (_clinicId, _therapistId) = (clinic.Id, therapist.Id);
        }
        var exercises = await db.Exercises.Where(e => Program.Contains(e.Slug)).ToDictionaryAsync(e => e.Slug);
        var missing = Program.Where(s => !exercises.ContainsKey(s)).ToList();
        if (missing.Count > 0)
            throw new InvalidOperationException($"The exercise library lacks {string.Join(", ", missing)}.");
        var today = DateOnly.FromDateTime(now.UtcDateTime);
        var added = new List<BenchPatient>(patients);
        for (var i = 0; i < patients; i++)
        {
            var patient = new Patient
            {
                ClinicId = _clinicId,
                TherapistId = _therapistId,
                DisplayName = $"Bench Patient {i}",
                Locale = "en",
                TimeZoneId = "Europe/London",
                ReminderTimes = [new TimeOnly(18, 0)],
                CreatedAt = now,
            };
            var prescription = new Prescription
            {
                PatientId = patient.Id,
                Version = 1,
                PrescribedById = _therapistId,
                CreatedAt = now,
                Schedule = new PrescriptionSchedule(1, TrainingDays.Every, today.AddDays(-14), null),
                Items = [.. Program.Select((slug, n) => new PrescriptionItem { Order = n + 1, ExerciseId = exercises[slug].Id, Dose = exercises[slug].DefaultDose })],
            };
            db.AddRange(patient, prescription);
            if (linked)
            {
                var chat = BenchPatient.NewChat();
                patient.LinkedAt = now;
                patient.MessagingConsentAt = now;
                db.Add(new ChannelAccount
                {
                    Channel = "msteams", ChannelUserId = chat.UserId, ChannelUserObjectId = chat.AadObjectId,
                    ConversationId = chat.ConversationId, PatientId = patient.Id, LinkedAt = now,
                });
                added.Add(chat);
            }
            else
            {
                var invitation = new Invitation
                {
                    Code = InvitationCode.New(),
                    PatientId = patient.Id,
                    CreatedById = _therapistId,
                    CreatedAt = now,
                    ExpiresAt = now.AddDays(7),
                };
                db.Add(invitation);
                added.Add(BenchPatient.NewChat() with { Code = invitation.Code });
            }
            if (db.ChangeTracker.Entries().Count() >= 3000)
            {
                await db.SaveChangesAsync();
                db.ChangeTracker.Clear();
            }
        }
        await db.SaveChangesAsync();
        return added;
    }
}

/// <summary>A bench patient's Teams chat: its ids, and the invitation code when it is not linked yet.</summary>
internal sealed record BenchPatient(string ConversationId, string UserId, string AadObjectId, string? Code = null)
{
    public static BenchPatient NewChat() =>
        new("a:1bench-" + Guid.NewGuid().ToString("N"), "29:1bench-" + Guid.NewGuid().ToString("N"), Guid.NewGuid().ToString());
}
