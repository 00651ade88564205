using System.Globalization;

namespace HepBot.Conversations.Tests.Transcripts;

/// <summary>
/// Whatever else Alex sends — chatter, emoji, a photo, a wall of text, numbers off the scale, unknown
/// commands — gets a short helpful reply and the same question again, and records nothing.
/// </summary>
public sealed class UnexpectedInputTranscripts
{
    private const string Photo = "(a photo, no text)";

    public static TheoryData<string> NotAnAnswerToTheExerciseCard =>
        ["👍", Photo, new string('x', 5000), "/frobnicate", "0", "\ude00"];

    /// <summary>A remark, not an answer: offered to the therapist (see PassOnTranscripts), and nothing is recorded.</summary>
    public static TheoryData<string> RemarksAtTheExerciseCard => ["my knee feels a bit stiff today", "half an emoji \ud83d"];

    public static TheoryData<string> NotAPainScore =>
        ["-1", "seven", "👍", Photo, new string('9', 5000), "/frobnicate"];

    [Theory]
    [MemberData(nameof(NotAnAnswerToTheExerciseCard))]
    public async Task At_the_exercise_card(string message)
    {
        await using var chat = await BotHarness.LinkedAsync();
        await chat.StartSessionAsync();
        var before = await chat.RecordsAsync();

        await SendAsync(chat, message);

        Assert.Equal("Sorry, I didn't understand that. Tap Done when you've finished, or choose another option.", chat.Transcript);
        Assert.Equal(["done", "skip", "painful", "again", "set", "unwell"], chat.Buttons);
        Assert.Equal(before, await chat.RecordsAsync());
        await chat.TapAsync("done");
        Assert.Contains("Exercise 2 of 3", chat.Transcript);
    }

    [Theory]
    [MemberData(nameof(RemarksAtTheExerciseCard))]
    public async Task A_remark_at_the_exercise_card(string message)
    {
        await using var chat = await BotHarness.LinkedAsync();
        await chat.StartSessionAsync();
        var before = await chat.RecordsAsync();

        await SendAsync(chat, message);

        Assert.Equal("I can't answer that myself, but your therapist can. Tap below to send it to them as you wrote it. If it's about how you feel, tap I feel unwell and I'll check the warning signs with you.\n" +
            "Tap Done when you've finished, or choose another option.", chat.Transcript);
        Assert.Equal(["done", "skip", "painful", "again", "set", "unwell"], chat.Buttons);
        Assert.Equal(before, await chat.RecordsAsync());
        await chat.TapAsync("done");
        Assert.Contains("Exercise 2 of 3", chat.Transcript);
    }

    [Theory]
    [MemberData(nameof(NotAPainScore))]
    public async Task At_the_pain_question(string message)
    {
        await using var chat = await BotHarness.LinkedAsync();
        await chat.SayAsync("start");
        await chat.TapAsync("start");
        var before = await chat.RecordsAsync();

        await SendAsync(chat, message);

        Assert.Equal("Please send a number from 0 to 10, or tap one of the buttons.", chat.Transcript);
        Assert.Equal(Enumerable.Range(0, 11).Select(n => n.ToString(CultureInfo.InvariantCulture)), chat.Buttons);
        Assert.Equal(before, await chat.RecordsAsync());
        await chat.SayAsync("3");
        Assert.StartsWith("Exercise 1 of 3", chat.Transcript);
    }

    [Theory]
    [InlineData("Yes!!")]
    [InlineData(Photo)]
    [InlineData("/frobnicate")]
    public async Task At_the_red_flag_question(string message)
    {
        await using var chat = await BotHarness.LinkedAsync();
        await chat.StartSessionAsync();
        await chat.TapAsync("painful");
        await chat.SayAsync("6");
        var before = await chat.RecordsAsync();

        await SendAsync(chat, message);

        // Not "not understood": anything that is not a sign or "no" (a "yes" above all) is asked which ones.
        Assert.Equal("Which ones? Tap each one that applies, or None of these.", chat.Transcript);
        Assert.Contains("none", chat.Buttons);
        Assert.Equal(before, await chat.RecordsAsync());
    }

    [Theory]
    [InlineData(Photo)]
    [InlineData("🙂🙂")]
    public async Task When_nothing_is_being_asked(string message)
    {
        await using var chat = await BotHarness.LinkedAsync();
        var before = await chat.RecordsAsync();

        await SendAsync(chat, message);

        Assert.Equal("Sorry, I didn't understand that.\nWhat would you like to do?", chat.Transcript);
        Assert.Contains("Today", chat.Buttons);
        Assert.Equal(before, await chat.RecordsAsync());
    }

    private static Task SendAsync(BotHarness chat, string message) =>
        message == Photo ? chat.SendPhotoAsync() : chat.SayAsync(message);
}
