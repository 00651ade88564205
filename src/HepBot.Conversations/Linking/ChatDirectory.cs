using HepBot.Core.Linking;
using HepBot.Data;
using Microsoft.EntityFrameworkCore;

namespace HepBot.Conversations.Linking;

/// <summary>Who a chat belongs to. An unlinked chat has no account and is shown no patient data.</summary>
public sealed class ChatDirectory(IDbContextFactory<HepBotDbContext> contexts)
{
    public async Task<ChannelAccount?> FindAsync(string channel, string conversationId, CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        return await db.ChannelAccounts.AsNoTracking()
            .SingleOrDefaultAsync(a => a.Channel == channel && a.ConversationId == conversationId, ct);
    }
}
