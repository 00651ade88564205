using System.CommandLine;
using HepBot.Conversations.Linking;
using HepBot.Core.Clinics;
using HepBot.Host.Configuration;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace HepBot.Host.Commands;

/// <summary>
/// `therapist-chat link|list|unlink --email E`: a therapist's own chats for alerts, from the command line
/// (the web app's "Link my chat" page does the same through the same service).
/// </summary>
internal static class TherapistChatCommands
{
    private const string Actor = "cli";

    public static Command Create(TextWriter output, TextWriter error, IEnumerable<KeyValuePair<string, string?>>? settings)
    {
        var link = new Command("link", "Create a one-time code the therapist sends to the bot from the chat that should get alerts.");
        var list = new Command("list", "List the therapist's linked chats.");
        var unlink = new Command("unlink", "Unlink one of the therapist's chats.");
        foreach (var command in new[] { link, list, unlink })
            command.Add(EmailOption());
        var chat = new Option<Guid>("--chat") { Required = true, Description = "The chat id shown by `therapist-chat list`." };
        unlink.Add(chat);

        link.SetAction((parse, ct) => WithTherapist(parse, settings, error, ct: ct, work: async (therapist, services) =>
        {
            var code = await services.GetRequiredService<TherapistChatLinks>().CreateCodeAsync(therapist.Id, Actor, ct);
            var deepLink = services.GetRequiredService<IOptions<TelegramOptions>>().Value.DeepLink(code.Code);
            await output.WriteLineAsync($"Link code for {therapist.Name} <{therapist.Email}>, valid until {code.ExpiresAt:yyyy-MM-dd HH:mm} UTC, once:");
            await output.WriteLineAsync($"  Send it to HepBot from your Telegram or Teams chat: {code.Code}");
            if (deepLink is not null)
                await output.WriteLineAsync($"  Or open on your phone: {deepLink}");
            return 0;
        }));
        list.SetAction((parse, ct) => WithTherapist(parse, settings, error, ct: ct, work: async (therapist, services) =>
        {
            var chats = await services.GetRequiredService<TherapistChatLinks>().ListAsync(therapist.Id, ct);
            if (chats.Count == 0)
                await output.WriteLineAsync($"{therapist.Name} has no linked chat; alerts go by e-mail only (when SMTP is set). Create a code with: therapist-chat link --email {therapist.Email}");
            foreach (var c in chats)
                await output.WriteLineAsync($"{c.Id}  {c.Channel,-10} linked {c.LinkedAt:yyyy-MM-dd HH:mm} UTC"
                    + (c.UnreachableSince is { } since ? $"  unreachable since {since:yyyy-MM-dd HH:mm} UTC" : ""));
            return 0;
        }));
        unlink.SetAction((parse, ct) => WithTherapist(parse, settings, error, ct: ct, work: async (therapist, services) =>
        {
            var id = parse.GetValue(chat);
            if (!await services.GetRequiredService<TherapistChatLinks>().UnlinkAsync(therapist.Id, id, Actor, ct))
                return await TherapistCommands.FailAsync(error, $"{therapist.Name} has no linked chat {id}; see: therapist-chat list --email {therapist.Email}");
            await output.WriteLineAsync($"Unlinked chat {id}; it gets no more alerts.");
            return 0;
        }));
        return new Command("therapist-chat", "A therapist's own Telegram or Teams chats, where alerts arrive.") { link, list, unlink };
    }

    private static Option<string> EmailOption() => new("--email") { Required = true, Description = "The therapist's e-mail." };

    private static Task<int> WithTherapist(ParseResult parse, IEnumerable<KeyValuePair<string, string?>>? settings, TextWriter error,
        Func<Therapist, IServiceProvider, Task<int>> work, CancellationToken ct) =>
        AdminDatabase.RunAsync(settings, error, async (db, services) =>
        {
            var typed = parse.GetValue<string>("--email")!;
            var normalized = TherapistCommands.NormalizeEmail(typed);
            var therapist = normalized is null ? null : await db.Therapists.AsNoTracking().SingleOrDefaultAsync(t => t.Email == normalized, ct);
            if (therapist is null)
                return await TherapistCommands.FailAsync(error, $"No therapist has e-mail '{typed}'; add one with: therapist add --email E --name N");
            return await work(therapist, services);
        }, ct);
}
