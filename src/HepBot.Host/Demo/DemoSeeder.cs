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
/// <param name="ApiKey">The demo key, or null when the caller did not ask for it (the chat verb).</param>
/// <param name="NewKey">The key was minted on this start (first run, or the kept one was gone or no longer worked).</param>
/// <param name="RevokedKeys">Earlier demo keys revoked because a new key replaced them.</param>
internal sealed record DemoAccess(
    Guid PatientId, string? ApiKey, bool NewKey, int RevokedKeys, string KeyFile, InvitationDto Invitation, int? ProgramVersion,
    IReadOnlyList<string> MissingSlugs, string? WebPassword = null);

/// <summary>
/// Seeds a demo clinic, therapist and patient with a knee program into an empty database, keeps one demo
/// API key across restarts (its hash in the database as every key's, its plain text in the
/// <see cref="DemoKeyFile"/>), and finds or opens an invitation for the demo patient.
/// </summary>
internal sealed class DemoSeeder(
    HepBotDbContext db,
    IOptions<DemoOptions> options,
    IOptions<InvitationOptions> invitations,
    IOptions<TelegramOptions> telegram,
    TimeProvider clock,
    SetPasswordLinks accounts,
    UserManager<TherapistAccount> users,
    DemoKeyFile keyFile,
    ILogger<DemoSeeder> logger)
{
    public const string TherapistEmail = "demo@hepbot.local";
    private const string Actor = "system";

    /// <param name="ensureApiKey">
    /// The web host prints the demo key (the kept one, or a new one when it no longer works); the chat
    /// verb leaves keys alone, so it never replaces the key a running web host just printed.
    /// </param>
    public async Task<DemoAccess?> SeedAsync(bool ensureApiKey, CancellationToken cancellationToken)
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

        var (apiKey, newKey, revoked) = ensureApiKey ? await EnsureApiKeyAsync(therapist.Id, now, cancellationToken) : (null, false, 0);

        var invitation = await db.Invitations
            .Where(i => i.PatientId == patient.Id && i.RevokedAt == null && i.RedeemedAt == null && i.ExpiresAt > now)
            .OrderByDescending(i => i.ExpiresAt).FirstOrDefaultAsync(cancellationToken)
            ?? await PatientInvitations.AddAsync(db, patient.Id, therapist.Id, now, invitations.Value.Validity, cancellationToken);

        await db.SaveChangesAsync(cancellationToken);
        if (newKey)
            KeepApiKey(apiKey!);
        var webPassword = await EnsureWebSignInAsync(therapist);
        return new DemoAccess(patient.Id, apiKey, newKey, revoked, keyFile.Path, InvitationDto.From(invitation, telegram.Value), version, missing,
            webPassword);
    }

    /// <summary>
    /// The kept key while the database still accepts it (active, unexpired, the demo therapist's);
    /// otherwise a new key, and the demo therapist's other keys are revoked, as nobody can be shown them again.
    /// </summary>
    private async Task<(string Key, bool New, int Revoked)> EnsureApiKeyAsync(Guid therapistId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var active = await db.ApiKeys.Where(k => k.TherapistId == therapistId && k.RevokedAt == null).ToListAsync(cancellationToken);
        if (keyFile.Read() is { } kept && ApiKeySecret.LooksLikeKey(kept)
            && active.Any(k => k.Prefix == ApiKeySecret.PrefixOf(kept) && ApiKeySecret.Matches(kept, k.Hash) && !(k.ExpiresAt <= now)))
            return (kept, false, 0);

        foreach (var key in active)
            key.RevokedAt = now;
        return (ApiKeySecret.Mint(db, therapistId, now), true, active.Count);
    }

    /// <summary>Only after the key's hash is saved, so the file never holds a key the database does not know.</summary>
    private void KeepApiKey(string apiKey)
    {
        try
        {
            keyFile.Write(apiKey);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            logger.LogWarning(e, "The demo API key could not be kept in {KeyFile}; the next start prints a new one.", keyFile.Path);
        }
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
