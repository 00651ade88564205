using HepBot.Core.Patients;
using HepBot.Data;
using HepBot.Scheduling.CheckIns;
using HepBot.Scheduling.Tests.Support;
using HepBot.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;

namespace HepBot.Scheduling.Tests;

/// <summary>
/// Maria (Madrid, every day) on Sunday 15 March 2026: the check-in goes out at 18:00 local, which is
/// 17:00 UTC in Madrid (and 22:00 UTC in New York, already on summer time).
/// </summary>
public sealed class WeeklyCheckInTests : IAsyncLifetime
{
    private static readonly DateTimeOffset SundaySixPmMadrid = new(2026, 3, 15, 17, 0, 0, TimeSpan.Zero);
    private static readonly DateOnly Monday = new(2026, 3, 9);
    private static readonly string[] Barriers =
        ["/barrier noTime", "/barrier pain", "/barrier forgot", "/barrier unsureHow", "/barrier feltUnwell", "/barrier other"];

    private TestDatabase _database = null!;
    private SchedulingHarness _harness = null!;
    private SeededPatient _maria = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        _database = await TestDatabase.CreateMigratedAsync(DatabaseProvider.Sqlite);
        _harness = SchedulingHarness.Create(_database, new FakeTimeProvider(SundaySixPmMadrid));
        await using var db = _database.CreateContext();
        _maria = await TestPatients.AddAsync(db, SundaySixPmMadrid);
    }

    public async ValueTask DisposeAsync()
    {
        await _harness.DisposeAsync();
        await _database.DisposeAsync();
    }

    /// <summary>Maria does the first <paramref name="days"/> days of the week (from Monday).</summary>
    private async Task DoDaysAsync(SeededPatient patient, int days, int pain = 3)
    {
        await using var db = _database.CreateContext();
        for (var i = 0; i < days; i++)
            db.SessionLogs.Add(TestPatients.Session(patient, Monday.AddDays(i), done: 2, SundaySixPmMadrid.AddDays(i - 6), pain: pain));
        await db.SaveChangesAsync(Ct);
    }

    /// <summary>The hourly run at <paramref name="at"/>, then the outbound sender; the patients it was queued for.</summary>
    private async Task<IReadOnlyList<Guid>> RunAsync(DateTimeOffset at, SchedulingHarness? harness = null)
    {
        harness ??= _harness;
        var queued = await harness.Create<WeeklyCheckInJob>().RunAsync(at, Ct);
        await harness.SendQueuedAsync();
        return queued;
    }

    [Fact]
    public async Task Missed_days_get_the_week_in_one_message_and_the_barrier_question_with_a_button_per_barrier()
    {
        await DoDaysAsync(_maria, 5);

        Assert.Equal([_maria.PatientId], await RunAsync(SundaySixPmMadrid));

        var sent = Assert.Single(_harness.Notifier.Sent);
        var message = Assert.Single(sent.Activities);
        Assert.StartsWith("Your progress this week:\nTraining days done: 5 of 7.\nTraining days in a row: 0 (best: ", message.Text);
        Assert.EndsWith("What got in the way most?", message.Text);
        Assert.Equal(Barriers, sent.ButtonValues);
        AssertProgressPicture(message);
    }

    [Fact]
    public async Task A_week_with_nothing_missed_gets_the_summary_without_the_question()
    {
        await DoDaysAsync(_maria, 6);

        await RunAsync(SundaySixPmMadrid);

        var sent = Assert.Single(_harness.Notifier.Sent);
        Assert.Contains("Training days done: 6 of 7.", sent.Text);
        Assert.Contains("Training days in a row: 6", sent.Text);
        Assert.DoesNotContain("got in the way", sent.Text);
        Assert.Empty(sent.ButtonValues);
    }

    [Fact]
    public async Task A_Spanish_patient_gets_it_in_Spanish()
    {
        await DoDaysAsync(_maria, 3);
        await using var harness = SchedulingHarness.Create(_database, new FakeTimeProvider(SundaySixPmMadrid), notifier: new RecordingNotifier("es"));

        await RunAsync(SundaySixPmMadrid, harness);

        var sent = Assert.Single(harness.Notifier.Sent);
        Assert.StartsWith("Tu progreso esta semana:\nDías de ejercicio completados: 3 de 7.", sent.Text);
        Assert.Contains("¿Qué te lo impidió sobre todo?", sent.Text);
        Assert.Equal(Barriers, sent.ButtonValues);
        AssertProgressPicture(Assert.Single(sent.Activities));
    }

    /// <summary>The check-in carries the progress picture inline: a phone-sized PNG that is not blank.</summary>
    private static void AssertProgressPicture(Microsoft.Bot.Schema.IMessageActivity message)
    {
        var picture = Assert.Single(message.Attachments);
        Assert.Equal("image/png", picture.ContentType);
        using var bitmap = SkiaSharp.SKBitmap.Decode(HepBot.Conversations.DialogLayer.DataUri.Read(picture.ContentUrl));
        Assert.Equal((HepBot.Pictures.ProgressPictureRenderer.Width, HepBot.Pictures.ProgressPictureRenderer.Height), (bitmap.Width, bitmap.Height));
        var colours = new HashSet<SkiaSharp.SKColor>();
        for (var y = 0; y < bitmap.Height; y += 3)
            for (var x = 0; x < bitmap.Width; x += 3)
                colours.Add(bitmap.GetPixel(x, y));
        Assert.True(colours.Count > 20, $"The picture has {colours.Count} colours: it looks blank.");
    }

    [Fact]
    public async Task Only_at_the_patients_own_local_sunday_evening()
    {
        SeededPatient newYork;
        await using (var db = _database.CreateContext())
            newYork = await TestPatients.AddAsync(db, SundaySixPmMadrid, zone: "America/New_York", name: "Ann Lee");

        Assert.Equal([_maria.PatientId], await RunAsync(SundaySixPmMadrid));
        Assert.Empty(await RunAsync(SundaySixPmMadrid.AddHours(1)));
        Assert.Empty(await RunAsync(SundaySixPmMadrid.AddDays(-1)));
        Assert.Equal([newYork.PatientId], await RunAsync(SundaySixPmMadrid.AddHours(5)));
    }

    [Fact]
    public async Task Paused_unconsented_and_deactivated_patients_get_nothing()
    {
        await using (var db = _database.CreateContext())
        {
            await TestPatients.AddAsync(db, SundaySixPmMadrid, consent: false, name: "No Consent");
            var paused = await TestPatients.AddAsync(db, SundaySixPmMadrid, name: "Paused");
            var gone = await TestPatients.AddAsync(db, SundaySixPmMadrid, name: "Gone");
            await db.Patients.Where(p => p.Id == paused.PatientId)
                .ExecuteUpdateAsync(s => s.SetProperty(p => p.PausedUntil, new DateOnly(2026, 3, 20)), Ct);
            await db.Patients.Where(p => p.Id == gone.PatientId)
                .ExecuteUpdateAsync(s => s.SetProperty(p => p.Status, PatientStatus.Deactivated), Ct);
        }

        Assert.Equal([_maria.PatientId], await RunAsync(SundaySixPmMadrid));
        Assert.Equal([_maria.PatientId], _harness.Notifier.Sent.Select(s => s.RecipientId));
    }

    [Fact]
    public async Task A_late_run_after_downtime_still_sends_the_same_evening_but_not_the_next_day()
    {
        var lateSameEvening = SchedulingHarness.Create(_database, new FakeTimeProvider(SundaySixPmMadrid.AddHours(3)));
        await using (lateSameEvening)
            Assert.Equal([_maria.PatientId], await RunAsync(SundaySixPmMadrid, lateSameEvening));

        var nextDay = SchedulingHarness.Create(_database, new FakeTimeProvider(SundaySixPmMadrid.AddHours(12)));
        await using (nextDay)
            Assert.Empty(await RunAsync(SundaySixPmMadrid, nextDay));
    }

    [Fact]
    public async Task A_run_that_fires_twice_in_the_hour_queues_the_check_in_once()
    {
        Assert.Equal([_maria.PatientId], await RunAsync(SundaySixPmMadrid));
        Assert.Equal([_maria.PatientId], await RunAsync(SundaySixPmMadrid));

        Assert.Single(_harness.Notifier.Sent);
    }

    [Fact]
    public async Task The_hourly_trigger_is_in_the_store()
    {
        var scheduler = await _harness.SchedulerAsync();
        var trigger = await scheduler.GetTrigger(new Quartz.TriggerKey("weeklyCheckIn", "hepbot"), Ct);
        Assert.Equal(WeeklyCheckInJob.Key, trigger!.JobKey);
    }
}
