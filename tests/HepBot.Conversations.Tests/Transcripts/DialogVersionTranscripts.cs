namespace HepBot.Conversations.Tests.Transcripts;

/// <summary>
/// A deploy renames or removes a dialog while Alex is in the middle of one. The stack saved by the old
/// version names a dialog the new one does not have: it is reset, Alex is told in one sentence, and
/// today's session goes on from the database on that same turn — never an error on every message.
/// </summary>
public sealed class DialogVersionTranscripts
{
    private const string Updated = "HepBot has been updated and lost track of the question you were answering. Everything you told me is saved; let's carry on.";

    [Fact]
    public async Task A_renamed_exercise_dialog_resumes_the_session_at_the_next_unanswered_exercise()
    {
        await using var chat = await BotHarness.LinkedAsync();
        await chat.StartSessionAsync();
        await chat.TapAsync("done");
        Assert.Contains("Exercise 2 of 3: Straight leg raise", chat.Transcript);
        await chat.RenameSavedDialogAsync("exercise", "exerciseCardV1");
        await chat.RestartAsync();
        var before = await chat.RecordsAsync();

        await chat.TapAsync("done");

        Assert.Equal(Updated, chat.Replies[0].Text);
        Assert.StartsWith("Exercise 2 of 3: Straight leg raise", chat.Replies[1].Text);
        Assert.Equal(before, await chat.RecordsAsync());
        await chat.TapAsync("done");
        Assert.Contains("Exercise 3 of 3: Heel slide", chat.Transcript);
        Assert.Equal(2, (await chat.TodaysLogAsync()).ExercisesDone);
    }

    [Fact]
    public async Task A_removed_prompt_outside_a_session_shows_the_menu_and_the_next_message_works()
    {
        await using var chat = await BotHarness.LinkedAsync();
        await chat.SayAsync("pause");
        await chat.RenameSavedDialogAsync("prompt.days", "prompt.pauseDays");

        await chat.SayAsync("3");

        Assert.Equal(Updated, chat.Replies[0].Text);
        Assert.Equal("What would you like to do?", chat.LastReply);
        await chat.SayAsync("progress");
        Assert.DoesNotContain("went wrong", chat.Transcript);
    }

    [Fact]
    public async Task A_warning_sign_typed_into_a_stack_an_update_broke_is_still_heard()
    {
        await using var chat = await BotHarness.LinkedAsync();
        await chat.StartSessionAsync();
        await chat.RenameSavedDialogAsync("exercise", "exerciseCardV1");
        await chat.RestartAsync();

        await chat.SayAsync("my chest hurts");

        Assert.DoesNotContain(Updated, chat.Transcript);
        Assert.Contains("emergency", chat.Transcript, StringComparison.OrdinalIgnoreCase);
        var alert = Assert.Single(await chat.AlertsAsync());
        Assert.Equal("my chest hurts", alert.PatientWords);
    }
}
