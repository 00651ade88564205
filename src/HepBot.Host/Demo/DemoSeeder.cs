using HepBot.Core.Audit;
using HepBot.Core.Clinics;
using HepBot.Core.Patients;
using HepBot.Data;
using HepBot.Host.Api;
using HepBot.Host.Api.Invitations;
using HepBot.Host.Api.Prescriptions;
using HepBot.Host.Authentication;
using HepBot.Host.Configuration;
using HepBot.Host.WebApp.Accounts;
using HepBot.Data.Accounts;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace HepBot.Host.Demo;

/// <summary>What a newcomer needs to try the demo: printed once per start.</summary>
/// <param name="WebPassword">The demo therapist's web app password when it was just set (first run); null afterwards.</param>
internal sealed record DemoAccess(
    Guid PatientId, string? ApiKey, int RevokedKeys, InvitationDto Invitation, int? ProgramVersion, IReadOnlyList<string> MissingSlugs,
    string? WebPassword = null);

/// <summary>
/// Seeds a demo clinic, therapist and patient with a knee program into an empty database, and on every
/// start mints a fresh demo API key (only hashes are stored, so an old key cannot be shown again) and
/// finds or opens an invitation for the demo patient.
/// </summary>
internal sealed class DemoSeeder(
    HepBotDbContext db,
    IOptions<DemoOptions> options,
    IOptions<InvitationOptions> invitations,
    IOptions<TelegramOptions> telegram,
    TimeProvider clock,
    SetPasswordLinks accounts,
    UserManager<TherapistAccount> users,
    ILogger<DemoSeeder> logger)
{
    public const string TherapistEmail = "demo@hepbot.local";
    private const string Actor = "system";

    /// <param name="mintApiKey">
    /// The web host mints a fresh demo key on every start; the chat verb does not, so it never revokes
    /// the key a running web host just printed.
    /// </param>
    public async Task<DemoAccess?> SeedAsync(bool mintApiKey, CancellationToken cancellationToken)
    {
        var demo = options.Value;
        if (demo.Enabled != true)
            return null;

        var now = clock.GetUtcNow();
        var therapist = await db.Therapists.SingleOrDefaultAsync(t => t.Email == TherapistEmail, cancellationToken);
        if (therapist is null)
        {
            if (await db.Clinics.AnyAsync(cancellationToken))
                return null; // A real clinic was set up first; the demo stays out of its way.
            therapist = await SeedClinicAsync(demo, now, cancellationToken);
        }

        var patient = await db.Patients.Where(p => p.TherapistId == therapist.Id && !p.DisplayName.StartsWith(DemoHistory.NamePrefix))
            .OrderBy(p => p.CreatedAt).FirstOrDefaultAsync(cancellationToken);
        if (patient is null)
            return null;

        var (version, missing) = await EnsureProgramAsync(demo, patient, therapist.Id, now, cancellationToken);
        // Only the demo therapist's own clinic reaches this point (see above), so demo history never lands in a real one.
        if (version is not null && demo.History)
            await DemoHistory.EnsureAsync(db, therapist, demo.TimeZone, Program(demo), now, cancellationToken);

        List<Core.Clinics.ApiKey> oldKeys = [];
        string? apiKey = null;
        if (mintApiKey)
        {
            oldKeys = await db.ApiKeys.Where(k => k.TherapistId == therapist.Id && k.RevokedAt == null).ToListAsync(cancellationToken);
            foreach (var key in oldKeys)
                key.RevokedAt = now;
            apiKey = ApiKeySecret.Mint(db, therapist.Id, now);
        }

        var invitation = await db.Invitations
            .Where(i => i.PatientId == patient.Id && i.RevokedAt == null && i.RedeemedAt == null && i.ExpiresAt > now)
            .OrderByDescending(i => i.ExpiresAt).FirstOrDefaultAsync(cancellationToken)
            ?? await PatientInvitations.AddAsync(db, patient.Id, therapist.Id, now, invitations.Value.Validity, cancellationToken);

        await db.SaveChangesAsync(cancellationToken);
        var webPassword = await EnsureWebSignInAsync(therapist);
        return new DemoAccess(patient.Id, apiKey, oldKeys.Count, InvitationDto.From(invitation, telegram.Value), version, missing, webPassword);
    }

    /// <summary>
    /// Gives the demo therapist a web sign-in with a random password the first time, and returns that
    /// password to print; only its hash is kept, so later starts cannot show it again.
    /// </summary>
    private async Task<string?> EnsureWebSignInAsync(Therapist therapist)
    {
        if (await users.FindByIdAsync(therapist.Id.ToString()) is not null)
            return null;
        var account = await accounts.EnsureAccountAsync(therapist);
        var password = DemoPassword();
        var added = await users.AddPasswordAsync(account, password);
        if (!added.Succeeded)
            throw new InvalidOperationException($"The demo sign-in could not be given a password: {string.Join(" ", added.Errors.Select(e => e.Code))}");
        return password;
    }

    /// <summary>Four groups of four letters and digits (about 80 bits), easy to type from a terminal.</summary>
    private static string DemoPassword()
    {
        const string alphabet = "abcdefghijkmnpqrstuvwxyz23456789";
        var chars = System.Security.Cryptography.RandomNumberGenerator.GetItems<char>(alphabet, 16);
        return string.Join("-", chars.Chunk(4).Select(c => new string(c)));
    }

    private static PrescribeRequest Program(DemoOptions demo) => new(
        new ScheduleRequest(SessionsPerDay: 1, Days: null, StartDate: null, EndDate: null),
        "Early knee program: move within comfort; pain up to 3/10 during exercise is fine if it settles by the next day.",
        demo.ProgramSlugs.Select(slug => new PrescriptionItemRequest(slug, null, null, null, null, null, null)).ToList());

    private async Task<Therapist> SeedClinicAsync(DemoOptions demo, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var clinic = new Clinic { Name = "HepBot Demo Clinic", DefaultTimeZone = demo.TimeZone, CreatedAt = now };
        var therapist = new Therapist
        {
            ClinicId = clinic.Id, Name = "Demo Therapist", Email = TherapistEmail, Role = TherapistRole.Therapist, CreatedAt = now,
        };
        var patient = new Patient
        {
            ClinicId = clinic.Id,
            TherapistId = therapist.Id,
            DisplayName = demo.PatientName,
            Locale = "en",
            TimeZoneId = demo.TimeZone,
            ReminderTimes = [demo.Reminder],
            CreatedAt = now,
        };
        db.AddRange(clinic, therapist, patient);
        db.Audit(Actor, AuditAction.Create, nameof(Patient), patient.Id, patient.Id, now);
        await db.SaveChangesAsync(cancellationToken);
        logger.LogInformation("Seeded the demo clinic {ClinicId} with therapist {TherapistId} and patient {PatientId}.",
            clinic.Id, therapist.Id, patient.Id);
        return therapist;
    }

    /// <summary>
    /// Prescribes the demo program when the patient has none yet, once every slug is in the library;
    /// a partial program would not be the realistic one the demo promises.
    /// </summary>
    private async Task<(int? Version, IReadOnlyList<string> Missing)> EnsureProgramAsync(
        DemoOptions demo, Patient patient, Guid therapistId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var current = await db.Prescriptions.Where(p => p.PatientId == patient.Id && p.SupersededAt == null)
            .Select(p => (int?)p.Version).FirstOrDefaultAsync(cancellationToken);
        if (current is not null)
            return (current, []);

        var slugs = demo.ProgramSlugs.Distinct().ToList();
        var known = await db.Exercises.Where(e => e.ClinicId == null && slugs.Contains(e.Slug)).Select(e => e.Slug).ToListAsync(cancellationToken);
        var missing = slugs.Except(known).ToList();
        if (missing.Count > 0)
        {
            logger.LogWarning("The demo program was not prescribed: the exercise library has no {MissingSlugs}.", missing);
            return (null, missing);
        }

        var request = Program(demo);
        var errors = new FieldErrors();
        var prescription = await PrescriptionVersions.AddNextVersionAsync(db, patient, therapistId, request, now, errors, cancellationToken)
            ?? throw new InvalidOperationException("The demo program does not pass the prescription rules; check Demo:ProgramSlugs and the library doses.");
        db.Audit(Actor, AuditAction.Create, "Prescription", prescription.Id, patient.Id, now);
        return (prescription.Version, []);
    }
}
