using System.CommandLine;
using System.Net.Mail;
using HepBot.Core.Clinics;
using HepBot.Data;
using HepBot.Host.WebApp;
using HepBot.Host.WebApp.Accounts;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace HepBot.Host.Commands;

/// <summary>`therapist add --email E --name N [--admin] [--clinic NAME]`.</summary>
internal static class TherapistCommands
{
    public const int MaxNameLength = 200;

    public static Command Create(TextWriter output, TextWriter error, IEnumerable<KeyValuePair<string, string?>>? settings)
    {
        var email = new Option<string>("--email") { Required = true, Description = "The therapist's e-mail, their identity in HepBot." };
        var name = new Option<string>("--name") { Required = true, Description = "The therapist's name as colleagues see it." };
        var admin = new Option<bool>("--admin") { Description = "Clinic admin: sees every patient of the clinic." };
        var clinic = new Option<string?>("--clinic")
        {
            Description = "Clinic name; created when new. Needed unless the database has exactly one clinic.",
        };
        var add = new Command("add", "Add a therapist.") { email, name, admin, clinic };
        add.SetAction((parse, ct) => AdminDatabase.RunAsync(settings, error, (db, services) => AddAsync(
            db, services, services.GetRequiredService<TimeProvider>().GetUtcNow(), parse.GetValue(email)!, parse.GetValue(name)!,
            parse.GetValue(admin), parse.GetValue(clinic), output, error, ct), ct));

        var linkEmail = new Option<string>("--email") { Required = true, Description = "The therapist's e-mail." };
        var link = new Command("set-password-link", "Print a one-time link for the therapist to choose a web app password (earlier links stop working).") { linkEmail };
        link.SetAction((parse, ct) => AdminDatabase.RunAsync(settings, error, (db, services) =>
            SetPasswordLinkAsync(db, services, parse.GetValue(linkEmail)!, output, error, ct), ct));
        return new Command("therapist", "Manage therapists.") { add, link };
    }

    public static string? NormalizeEmail(string email) =>
        MailAddress.TryCreate(email.Trim(), out var address) && address.Address.Length <= 254 && address.DisplayName.Length == 0
            ? address.Address.ToLowerInvariant()
            : null;

    private static async Task<int> SetPasswordLinkAsync(HepBotDbContext db, IServiceProvider services, string emailText,
        TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        var email = NormalizeEmail(emailText);
        var therapist = email is null ? null : await db.Therapists.SingleOrDefaultAsync(t => t.Email == email, cancellationToken);
        if (therapist is null)
            return await FailAsync(error, $"No therapist has the e-mail '{emailText}'.");
        await WriteSetPasswordLinkAsync(services, therapist, output);
        return 0;
    }

    private static async Task WriteSetPasswordLinkAsync(IServiceProvider services, Therapist therapist, TextWriter output)
    {
        var link = await services.GetRequiredService<SetPasswordLinks>().CreateAsync(therapist);
        var days = services.GetRequiredService<IOptions<WebAppOptions>>().Value.SetPasswordLinkDays;
        await output.WriteLineAsync($"Web app sign-in for {therapist.Email}: send them this one-time link to choose a password (valid {days} day(s)):");
        await output.WriteLineAsync(link.ToString());
    }

    private static async Task<int> AddAsync(HepBotDbContext db, IServiceProvider services, DateTimeOffset now, string emailText, string nameText, bool isAdmin,
        string? clinicName, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        var email = NormalizeEmail(emailText);
        var name = nameText.Trim();
        if (email is null)
            return await FailAsync(error, $"--email '{emailText}' is not an e-mail address.");
        if (name.Length is 0 or > MaxNameLength)
            return await FailAsync(error, $"--name must be 1-{MaxNameLength} characters.");
        if (await db.Therapists.AnyAsync(t => t.Email == email, cancellationToken))
            return await FailAsync(error, $"A therapist with e-mail {email} already exists.");

        Clinic clinic;
        if (!string.IsNullOrWhiteSpace(clinicName))
        {
            clinicName = clinicName.Trim();
            clinic = await db.Clinics.FirstOrDefaultAsync(c => c.Name == clinicName, cancellationToken)
                ?? db.Clinics.Add(new Clinic { Name = clinicName, CreatedAt = now }).Entity;
        }
        else
        {
            var clinics = await db.Clinics.OrderBy(c => c.CreatedAt).Take(2).ToListAsync(cancellationToken);
            if (clinics.Count != 1)
                return await FailAsync(error, clinics.Count == 0
                    ? "The database has no clinic yet; give --clinic NAME to create one."
                    : "The database has several clinics; give --clinic NAME.");
            clinic = clinics[0];
        }

        var therapist = new Therapist
        {
            ClinicId = clinic.Id,
            Name = name,
            Email = email,
            Role = isAdmin ? TherapistRole.ClinicAdmin : TherapistRole.Therapist,
            CreatedAt = now,
        };
        db.Therapists.Add(therapist);
        await db.SaveChangesAsync(cancellationToken);
        await output.WriteLineAsync($"Added {(isAdmin ? "clinic admin" : "therapist")} {name} <{email}> to {clinic.Name} (therapist id {therapist.Id}).");
        await WriteSetPasswordLinkAsync(services, therapist, output);
        await output.WriteLineAsync($"Create their API key with: api-key create --email {email}");
        return 0;
    }

    public static async Task<int> FailAsync(TextWriter error, string message)
    {
        await error.WriteLineAsync(message);
        return AdminDatabase.BadInput;
    }
}
