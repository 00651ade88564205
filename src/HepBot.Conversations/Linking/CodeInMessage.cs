using HepBot.Conversations.Bot;
using HepBot.Core.Linking;
using HepBot.Data;
using Microsoft.Bot.Builder;
using Microsoft.EntityFrameworkCore;

namespace HepBot.Conversations.Linking;

/// <summary>
/// Whether a message in a chat that is already linked is an invitation code: shaped like one ("abcd 2345",
/// "ABCD-2345") and clearly meant as one — it came after /start (a deep link), has a digit, or is a code
/// HepBot issued. So a code typed on its own is understood, and "great day" (eight letters that fit the
/// code's alphabet) is still just words.
/// </summary>
public sealed class CodeInMessage(IDbContextFactory<HepBotDbContext> contexts)
{
    /// <summary>The code the typed message is, or null. A button press is never a code.</summary>
    public async Task<string?> ReadAsync(ITurnContext turn, CancellationToken ct)
    {
        if (turn.Activity.Value is not null || InvitationCode.Normalize(turn.Activity.Text) is not { } code)
            return null;
        if (StartPayload.Followed(turn) || code.Any(char.IsAsciiDigit))
            return code;
        await using var db = await contexts.CreateDbContextAsync(ct);
        return await db.Invitations.AnyAsync(i => i.Code == code, ct) ? code : null;
    }
}
