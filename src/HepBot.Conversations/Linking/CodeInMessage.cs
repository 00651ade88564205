using HepBot.Conversations.Bot;
using HepBot.Core.Linking;
using HepBot.Data;
using Microsoft.Bot.Builder;
using Microsoft.EntityFrameworkCore;

namespace HepBot.Conversations.Linking;

/// <summary>
/// Whether a typed message is an invitation code: shaped like one ("abcd 2345", "ABCD-2345") and clearly meant
/// as one — it came after /start (a deep link), has a digit, or is a code HepBot issued. So a code typed on its own
/// is understood, and "great day" (eight letters that fit the code's alphabet) is still just words.
/// </summary>
public sealed class CodeInMessage(IDbContextFactory<HepBotDbContext> contexts)
{
    /// <summary>The code the typed message is, or null. A button press is never a code.</summary>
    public async Task<TypedCode?> ReadAsync(ITurnContext turn, CancellationToken ct)
    {
        if (turn.Activity.Value is not null || InvitationCode.Normalize(turn.Activity.Text) is not { } code)
            return null;
        if (StartPayload.Followed(turn))
            return new TypedCode(code, Certain: true);
        await using var db = await contexts.CreateDbContextAsync(ct);
        var issued = await db.Invitations.AnyAsync(i => i.Code == code, ct);
        return issued || code.Any(char.IsAsciiDigit) ? new TypedCode(code, Certain: issued) : null;
    }
}

/// <summary>
/// A code read from a message. <paramref name="Certain"/> when it came from a deep link or is a code HepBot issued:
/// then it is only a code, never words to read for warning signs (a random code's "A7…" reads as "a 7", a pain of 7).
/// Otherwise it is words that look like a code ("numb 2day"), read for warning signs before they are tried as a code.
/// </summary>
public sealed record TypedCode(string Code, bool Certain);
