using HepBot.Channels.Proactive;
using HepBot.Conversations.Content;
using HepBot.Core.Clinics;
using HepBot.Core.Patients;
using HepBot.Data;
using HepBot.Testing;
using Microsoft.Bot.Builder;
using Microsoft.Bot.Schema;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using Newtonsoft.Json;
using ChannelAccount = HepBot.Core.Linking.ChannelAccount;

namespace HepBot.Channels.Tests.Proactive;

/// <summary>One reminder for a patient who linked Teams, Telegram and the console, on a fixed clock.</summary>
public sealed class ProactiveMessengerTests : IAsyncLifetime
{
    private static readonly DateTimeOffset TenPastSix = new(2026, 3, 10, 18, 10, 0, TimeSpan.Zero);
    private static readonly DialogTextCatalog Catalog = DialogTextCatalog.Load(RepositoryPaths.Combine("dialogs"));
    private readonly FakeTimeProvider _clock = new(TenPastSix);
    private readonly RecordingChannel _teams = new("msteams", "emulator");
    private readonly RecordingChannel _telegram = new("telegram");
    private TestDatabase _database = null!;
    private Guid _patientId;
    private Guid _therapistId;
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        _database = await TestDatabase.CreateMigratedAsync(DatabaseProvider.Sqlite);
        await using var db = _database.CreateContext();
        var clinic = new Clinic { Name = "Clinic", DefaultTimeZone = "Europe/Madrid", CreatedAt = TenPastSix };
        var therapist = new Therapist { ClinicId = clinic.Id, Name = "Therapist", Email = "t@clinic.test", Locale = "en", CreatedAt = TenPastSix };
        var patient = new Patient { ClinicId = clinic.Id, TherapistId = therapist.Id, DisplayName = "Lucía", Locale = "es-ES", CreatedAt = TenPastSix };
        db.AddRange(clinic, therapist, patient);
        _patientId = patient.Id;
        _therapistId = therapist.Id;
        db.ChannelAccounts.AddRange(
            Account("msteams", "a:teams-chat", TenPastSix.AddDays(-3), new ConversationReference
            {
                ChannelId = "msteams",
                ServiceUrl = "https://smba.trafficmanager.net/emea/",
                Conversation = new ConversationAccount(id: "a:teams-chat"),
                User = new Microsoft.Bot.Schema.ChannelAccount(id: "29:patient"),
                Bot = new Microsoft.Bot.Schema.ChannelAccount(id: "28:hepbot"),
                Locale = "en-GB",
            }, patient: patient.Id),
            Account("telegram", "4242", TenPastSix.AddDays(-2), reference: null, patient: patient.Id),
            Account("console", "console-chat", TenPastSix.AddDays(-1), reference: null, patient: patient.Id),
            Account("msteams", "a:therapist-chat", TenPastSix.AddDays(-5), new ConversationReference
            {
                ChannelId = "msteams",
                ServiceUrl = "https://smba.trafficmanager.net/emea/",
                Conversation = new ConversationAccount(id: "a:therapist-chat"),
                Locale = "es-MX",
            }, therapist: therapist.Id));
        await db.SaveChangesAsync(Ct);
    }

    public ValueTask DisposeAsync() => _database.DisposeAsync();

    [Fact]
    public async Task A_reminder_reaches_every_linked_chat_in_the_patients_language()
    {
        var result = await Messenger().SendToPatientAsync(_patientId, SayReminder, Ct);

        Assert.Equal([("msteams", DeliveryOutcome.Sent), ("telegram", DeliveryOutcome.Sent), ("console", DeliveryOutcome.NoChannel)],
            result.Deliveries.Select(d => (d.Channel, d.Outcome)));
        Assert.True(result.Delivered);
        var teams = Assert.Single(_teams.Turns);
        Assert.Equal(("https://smba.trafficmanager.net/emea/", "a:teams-chat", "es"), (teams.Reference.ServiceUrl, teams.Reference.Conversation.Id, teams.Locale));
        Assert.Equal(Catalog.Get("es", "common.yes"), teams.Said);
        // Telegram keeps only the chat id; the reference is built from the account.
        var telegram = Assert.Single(_telegram.Turns);
        Assert.Equal(("telegram", "4242", "patient-user", "es"), (telegram.Reference.ChannelId, telegram.Reference.Conversation.Id, telegram.Reference.User.Id, telegram.Locale));
    }

    [Fact]
    public async Task A_patient_who_blocked_the_bot_on_Telegram_is_marked_unreachable_there_and_not_tried_again()
    {
        _telegram.Refuse = true;

        var first = await Messenger().SendToPatientAsync(_patientId, SayReminder, Ct);
        _clock.Advance(TimeSpan.FromDays(1));
        var second = await Messenger().SendToPatientAsync(_patientId, SayReminder, Ct);

        Assert.Equal(DeliveryOutcome.Unreachable, first.Deliveries.Single(d => d.Channel == "telegram").Outcome);
        Assert.Equal(DeliveryOutcome.SkippedUnreachable, second.Deliveries.Single(d => d.Channel == "telegram").Outcome);
        Assert.Equal(1, _telegram.Attempts);
        Assert.Equal(2, _teams.Turns.Count);
        await using var db = _database.CreateContext();
        var telegram = await db.ChannelAccounts.SingleAsync(a => a.Channel == "telegram", Ct);
        Assert.Equal(TenPastSix, telegram.UnreachableSince);
        Assert.Null((await db.ChannelAccounts.SingleAsync(a => a.ConversationId == "a:teams-chat", Ct)).UnreachableSince);
    }

    [Fact]
    public async Task A_failure_that_is_not_the_recipients_leaves_the_chat_reachable()
    {
        _teams.Fail = true;

        var result = await Messenger().SendToPatientAsync(_patientId, SayReminder, Ct);

        Assert.Equal(DeliveryOutcome.Failed, result.Deliveries.Single(d => d.Channel == "msteams").Outcome);
        Assert.True(result.Delivered);
        await using var db = _database.CreateContext();
        Assert.Null((await db.ChannelAccounts.SingleAsync(a => a.ConversationId == "a:teams-chat", Ct)).UnreachableSince);
    }

    [Fact]
    public async Task A_therapist_alert_goes_to_the_therapists_chat_in_the_language_they_chose_not_the_one_the_chat_reported()
    {
        var result = await Messenger().SendToTherapistAsync(_therapistId, SayReminder, Ct);

        Assert.Equal(DeliveryOutcome.Sent, Assert.Single(result.Deliveries).Outcome);
        var turn = Assert.Single(_teams.Turns);
        // The chat reported es-MX; the therapist chose English in the app.
        Assert.Equal(("a:therapist-chat", "en"), (turn.Reference.Conversation.Id, turn.Locale));
    }

    [Fact]
    public async Task Nobody_linked_means_nothing_sent()
    {
        var result = await Messenger().SendToPatientAsync(Guid.NewGuid(), SayReminder, Ct);

        Assert.Empty(result.Deliveries);
        Assert.False(result.Delivered);
    }

    private static Task SayReminder(ITurnContext turn, CancellationToken ct) =>
        turn.SendActivityAsync(Catalog.Get(turn.Activity.Locale, "common.yes"), cancellationToken: ct);

    private ProactiveMessenger Messenger() =>
        new(new Contexts(_database), [_teams, _telegram], Catalog, _clock, NullLogger<ProactiveMessenger>.Instance);

    private static ChannelAccount Account(string channel, string conversation, DateTimeOffset linkedAt, ConversationReference? reference,
        Guid? patient = null, Guid? therapist = null) => new()
        {
            Channel = channel,
            ChannelUserId = patient is null ? "therapist-user" : "patient-user",
            ConversationId = conversation,
            ConversationReference = reference is null ? null : JsonConvert.SerializeObject(reference),
            PatientId = patient,
            TherapistId = therapist,
            LinkedAt = linkedAt,
        };

    private sealed class Contexts(TestDatabase database) : IDbContextFactory<HepBotDbContext>
    {
        public HepBotDbContext CreateDbContext() => database.CreateContext();
    }

    /// <summary>A channel that runs the turn on a test adapter and keeps what was said.</summary>
    private sealed class RecordingChannel(params string[] channelIds) : IProactiveChannel
    {
        public IReadOnlyCollection<string> ChannelIds => channelIds;
        public List<(ConversationReference Reference, string Locale, string Said)> Turns { get; } = [];
        public bool Refuse { get; set; }
        public bool Fail { get; set; }
        public int Attempts { get; private set; }

        public async Task ContinueConversationAsync(ConversationReference reference, BotCallbackHandler callback, CancellationToken cancellationToken)
        {
            Attempts++;
            if (Refuse)
                throw new RecipientUnreachableException(channelIds[0], "403 Forbidden: bot was blocked by the user");
            if (Fail)
                throw new HttpRequestException("Connection refused");
            var adapter = new Microsoft.Bot.Builder.Adapters.TestAdapter(reference);
            var activity = reference.GetContinuationActivity();
            using var turn = new TurnContext(adapter, activity);
            await callback(turn, cancellationToken);
            var said = adapter.ActiveQueue.Select(a => a.Text).Single();
            Turns.Add((reference, turn.Activity.Locale, said));
        }
    }
}
