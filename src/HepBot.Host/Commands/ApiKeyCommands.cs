using System.CommandLine;
using HepBot.Host.Authentication;
using Microsoft.EntityFrameworkCore;

namespace HepBot.Host.Commands;

/// <summary>`api-key create --email E`: prints the new key alone on the last line, for scripts to take.</summary>
internal static class ApiKeyCommands
{
    public static Command Create(TextWriter output, TextWriter error, IEnumerable<KeyValuePair<string, string?>>? settings)
    {
        var email = new Option<string>("--email") { Required = true, Description = "The therapist the key acts for." };
        var create = new Command("create", "Create an API key for a therapist; it is shown only once.") { email };
        create.SetAction((parse, ct) => AdminDatabase.RunAsync(settings, error, async (db, services) =>
        {
            var typed = parse.GetValue(email)!;
            var normalized = TherapistCommands.NormalizeEmail(typed);
            var therapist = normalized is null ? null : await db.Therapists.SingleOrDefaultAsync(t => t.Email == normalized, ct);
            if (therapist is null)
                return await TherapistCommands.FailAsync(error, $"No therapist has e-mail '{typed}'; add one with: therapist add --email E --name N");

            var key = ApiKeySecret.Mint(db, therapist.Id, services.GetRequiredService<TimeProvider>().GetUtcNow());
            await db.SaveChangesAsync(ct);
            await output.WriteLineAsync($"API key for {therapist.Name} <{therapist.Email}>. Only its hash is stored; copy it now:");
            await output.WriteLineAsync(key);
            return 0;
        }, ct));
        return new Command("api-key", "Manage management-API keys.") { create };
    }
}
