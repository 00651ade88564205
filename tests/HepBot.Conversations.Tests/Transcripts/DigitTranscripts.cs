using Microsoft.EntityFrameworkCore;

namespace HepBot.Conversations.Tests.Transcripts;

/// <summary>
/// Numbers as patients' keyboards type them: fullwidth (Japanese, Chinese), Arabic-Indic, Persian and
/// Devanagari digits are the digits they are; anything else gets the usual "please send ..." reply.
/// Never an error in the turn.
/// </summary>
public sealed class DigitTranscripts
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public static TheoryData<string, int, int> ReminderTimes => new()
    {
        { "１０", 10, 0 },
        { "٣", 3, 0 },
        { "१०:३०", 10, 30 },
        { "۱۸:۴۵", 18, 45 },
        { "１９：１５", 19, 15 },
        { "৭ pm", 19, 0 },
    };

    [Theory]
    [MemberData(nameof(ReminderTimes))]
    public async Task A_reminder_time_in_any_script_is_the_time_it_says(string typed, int hour, int minute)
    {
        await using var chat = await BotHarness.LinkedAsync();

        await chat.SayAsync("reminder");
        await chat.SayAsync(typed);

        var time = new TimeOnly(hour, minute);
        Assert.Equal($"Done. I'll remind you at {time:HH\\:mm} on your training days.", chat.Transcript);
        await using var db = chat.Db();
        Assert.Equal([time], (await db.Patients.SingleAsync(Ct)).ReminderTimes);
    }

    [Theory]
    [InlineData("٢٥:٠٠")]
    [InlineData("１２３")]
    [InlineData("½")]
    [InlineData("Ⅻ")]
    [InlineData("①")]
    public async Task A_time_that_is_no_time_is_asked_again(string typed)
    {
        await using var chat = await BotHarness.LinkedAsync();
        await chat.SayAsync("reminder");
        var before = await chat.RecordsAsync();

        await chat.SayAsync(typed);

        Assert.Equal("Please send a time like 07:30 or 18:00.", chat.Transcript);
        Assert.Equal(before, await chat.RecordsAsync());
    }

    [Theory]
    [InlineData("٣", 3)]
    [InlineData("７/１０", 7)]
    [InlineData("१०", 10)]
    public async Task Pain_in_any_script_is_the_score_it_says(string typed, int pain)
    {
        await using var chat = await BotHarness.LinkedAsync();
        await chat.SayAsync("start");
        await chat.TapAsync("start");

        await chat.SayAsync(typed);

        Assert.Equal(pain, (await chat.TodaysLogAsync()).PainBefore);
    }

    [Fact]
    public async Task A_menu_number_in_arabic_digits_picks_that_item()
    {
        await using var chat = await BotHarness.LinkedAsync();
        await chat.SayAsync("menu");

        await chat.SayAsync("٤");

        Assert.Equal("What time should I remind you? Send it like 07:30 or 18:00.", chat.Transcript);
    }
}
