using HepBot.Conversations.DialogLayer;
using HepBot.Conversations.Sessions;
using HepBot.Pictures;
using Microsoft.Bot.Schema;
using SkiaSharp;

namespace HepBot.Conversations.Tests.Transcripts;

/// <summary>
/// "My progress" and the weekly check-in carry the picture of the last four weeks (calendar and pain) with the same
/// in words in the same message. Today is Wednesday 18 November 2026; Alex's program began on the 4th; he did the 5th to the 7th and the 16th and 17th.
/// </summary>
public sealed class ProgressPictureTranscripts
{
    private static async Task<BotHarness> AlexWithTwoGoodWeeksAsync(string language = "en")
    {
        var chat = await BotHarness.LinkedAsync(language);
        foreach (var day in new[] { 5, 6, 7 })
            await chat.SeedFinishedSessionAsync(new DateOnly(2026, 11, day), painBefore: 6, painAfter: 5);
        foreach (var day in new[] { 16, 17 })
            await chat.SeedFinishedSessionAsync(new DateOnly(2026, 11, day), painBefore: 2, painAfter: 1);
        return chat;
    }

    [Fact]
    public async Task Progress_sends_the_picture_of_four_weeks_with_the_same_in_words()
    {
        await using var chat = await AlexWithTwoGoodWeeksAsync();

        await chat.SayAsync("/progress");

        var reply = Assert.Single(chat.Replies);
        Assert.Equal(
            """
            Your progress this week:
            Training days done: 2 of 3.
            Training days in a row: 2 (best: 3).
            Pain: going down, from about 6 to 2 out of 10. Great sign!
            Last 4 weeks: 5 done, 9 missed.
            """.ReplaceLineEndings("\n"), reply.Text);
        AssertPicture(reply);
    }

    [Fact]
    public async Task In_Spanish_the_words_beside_the_picture_are_spanish()
    {
        await using var chat = await AlexWithTwoGoodWeeksAsync("es");

        await chat.SayAsync("/progress");

        var reply = Assert.Single(chat.Replies);
        Assert.EndsWith("Últimas 4 semanas: hechos: 5, sin hacer: 9.", reply.Text);
        AssertPicture(reply);
    }

    [Fact]
    public async Task The_weekly_check_in_carries_the_picture_above_the_barrier_question()
    {
        // Alex did Monday this week and missed Tuesday.
        await using var chat = await BotHarness.LinkedAsync();
        await chat.SeedFinishedSessionAsync(new DateOnly(2026, 11, 16), painBefore: 2, painAfter: 1);
        var week = chat.Service<WeekSummary>();
        var report = await week.ReadAsync(chat.Clinic.PatientId, chat.Today, TestContext.Current.CancellationToken);
        await chat.Service<IChatNotifier>().SendToPatientAsync(chat.Clinic.PatientId,
            (turn, ct) => turn.SendActivityAsync(week.CheckIn(turn, chat.Clinic.PatientId, report), ct), TestContext.Current.CancellationToken);

        var (_, message) = Assert.Single(chat.Chats.Messages);
        Assert.Contains("Last 4 weeks: 1 done, 13 missed.", message.Text);
        Assert.EndsWith("What got in the way most?", message.Text);
        Assert.Equal(6, message.SuggestedActions.Actions.Count);
        AssertPicture(message);
    }

    [Fact]
    public async Task Before_any_planned_day_has_passed_there_is_no_four_weeks_line_but_still_a_picture()
    {
        await using var chat = await BotHarness.LinkedAsync();
        await using (var db = chat.Db())
        {
            var prescription = await db.Prescriptions.FindAsync([chat.Clinic.PrescriptionId], TestContext.Current.CancellationToken);
            prescription!.Schedule = prescription.Schedule with { StartDate = chat.Today };
            await db.SaveChangesAsync(TestContext.Current.CancellationToken);
        }

        await chat.SayAsync("/progress");

        var reply = Assert.Single(chat.Replies);
        Assert.DoesNotContain("Last 4 weeks", reply.Text);
        AssertPicture(reply);
    }

    /// <summary>The reply carries one PNG inline, phone-sized and not blank.</summary>
    internal static void AssertPicture(IMessageActivity reply)
    {
        var attachment = Assert.Single(reply.Attachments);
        Assert.Equal("image/png", attachment.ContentType);
        var png = DataUri.Read(attachment.ContentUrl);
        Assert.NotNull(png);
        using var bitmap = SKBitmap.Decode(png);
        Assert.Equal((ProgressPictureRenderer.Width, ProgressPictureRenderer.Height), (bitmap.Width, bitmap.Height));
        var colours = new HashSet<SKColor>();
        for (var y = 0; y < bitmap.Height; y += 3)
            for (var x = 0; x < bitmap.Width; x += 3)
                colours.Add(bitmap.GetPixel(x, y));
        Assert.True(colours.Count > 20, $"The picture has {colours.Count} colours: it looks blank.");
    }
}
