using System.Text.Json;
using HepBot.Testing;
using Microsoft.EntityFrameworkCore;

namespace HepBot.Conversations.Tests.Transcripts;

/// <summary>
/// What the conversations write about patients — sessions and answers, alerts, messages, settings,
/// links and the audit trail — as one text, so "nothing was recorded" is a plain equality check.
/// </summary>
internal static class DatabaseRecords
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    public static async Task<string> DescribeAsync(TestDatabase database)
    {
        var ct = TestContext.Current.CancellationToken;
        await using var db = database.CreateContext();
        var records = new
        {
            Patients = await db.Patients.AsNoTracking().OrderBy(p => p.Id).ToListAsync(ct),
            Sessions = await db.SessionLogs.AsNoTracking().Include(l => l.Exercises.OrderBy(e => e.Order)).OrderBy(l => l.Id).ToListAsync(ct),
            Alerts = await db.Alerts.AsNoTracking().OrderBy(a => a.Id).ToListAsync(ct),
            Messages = await db.PatientMessages.AsNoTracking().OrderBy(m => m.Id).ToListAsync(ct),
            Accounts = await db.ChannelAccounts.AsNoTracking().OrderBy(a => a.Id).ToListAsync(ct),
            Invitations = await db.Invitations.AsNoTracking().OrderBy(i => i.Id).ToListAsync(ct),
            Audit = await db.AuditEntries.AsNoTracking().OrderBy(a => a.Id).ToListAsync(ct),
        };
        return JsonSerializer.Serialize(records, Indented);
    }
}
