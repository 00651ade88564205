using HepBot.Conversations.Sessions;
using HepBot.Core.Sessions;

namespace HepBot.Conversations.Tests.Transcripts;

/// <summary>
/// One tap runs a whole set on one message: get ready, every hold and relax, the rests, ending on Done / Skip. Alex's
/// quad set is 3 rounds of 10 five-second holds with 30 seconds' rest: 5 + 3 × (10 × 5 + 9 × 3) + 2 × 30 = 296 seconds.
/// </summary>
public sealed class GuidedSetTranscripts
{
    private static readonly TimeSpan SetLength = TimeSpan.FromSeconds(296);

    [Fact]
    public async Task One_tap_paces_every_hold_relax_and_rest_on_one_message_and_ends_on_done_or_skip()
    {
        await using var chat = await BotHarness.LinkedAsync();
        await chat.StartSessionAsync();

        await chat.TapAsync("set");
        var setMessage = Assert.Single(chat.Replies);
        Assert.Equal("Quad set\nGet ready… we start in 5 s.\nTap Stop at any time.", setMessage.Text);
        Assert.Equal(["Stop"], chat.ButtonLabels);

        await chat.AdvanceAsync(TimeSpan.FromSeconds(4));
        Assert.Empty(chat.Edits);
        await chat.AdvanceAsync(TimeSpan.FromSeconds(1));
        Assert.Equal("Quad set, round 1 of 3\nHold 1 of 10: hold… 5 s\nTap Stop at any time.", Assert.Single(chat.Edits).Text);
        await chat.AdvanceAsync(TimeSpan.FromSeconds(5));
        Assert.Equal("Quad set, round 1 of 3\nRelax… 3 s\nTap Stop at any time.", Assert.Single(chat.Edits).Text);
        await chat.AdvanceAsync(TimeSpan.FromSeconds(3));
        Assert.Equal("Quad set, round 1 of 3\nHold 2 of 10: hold… 5 s\nTap Stop at any time.", Assert.Single(chat.Edits).Text);
        Assert.Empty(chat.Replies);

        // On to the first rest (after the tenth hold, 82 s in), counted down every 5 seconds.
        var edits = 3;
        for (var t = 13; t < 81; t++)
        {
            await chat.AdvanceAsync(TimeSpan.FromSeconds(1));
            edits += chat.Edits.Count;
        }
        await chat.AdvanceAsync(TimeSpan.FromSeconds(1));
        Assert.Equal("Quad set, round 1 of 3\nRest… 30 s. Round 2 comes next.\nTap Stop at any time.", Assert.Single(chat.Edits).Text);
        await chat.AdvanceAsync(TimeSpan.FromSeconds(5));
        Assert.Equal("Quad set, round 1 of 3\nRest… 25 s. Round 2 comes next.\nTap Stop at any time.", Assert.Single(chat.Edits).Text);
        edits += 2;

        // The rest of the set, in one go: every frame still comes, on the same message, and the last asks Done / Skip.
        await chat.AdvanceAsync(SetLength - TimeSpan.FromSeconds(87));
        edits += chat.Edits.Count;
        Assert.All(chat.Edits, e => Assert.Equal(setMessage.Id, e.Id));
        var last = chat.Edits[^1];
        Assert.Equal("Quad set: that was the last round. Well done! Tap Done, or Skip if it did not go well.", last.Text);
        Assert.Equal(["Done", "Skip"], last.SuggestedActions.Actions.Select(a => a.Title));
        // Bounded: one edit per frame of the plan (30 holds, 27 relaxes, 2 rests counted down 6 times each) and the question.
        Assert.Equal(30 + 27 + 2 * 6 + 1, edits);
        Assert.Empty(chat.Replies);
        Assert.Equal(0, chat.Service<GuidedSetRunner>().Running);

        await chat.TapAsync("done");
        Assert.Contains("2 of 3: Straight leg raise", chat.Transcript.Replace("Exercise ", ""));
        var answer = Assert.Single((await chat.TodaysLogAsync()).Exercises);
        Assert.Equal((ExerciseOutcome.Done, 3), (answer.Outcome, answer.SetsDone));
    }

    [Fact]
    public async Task Stop_mid_set_asks_done_or_skip_with_the_honest_partial_and_nothing_moves_after()
    {
        await using var chat = await BotHarness.LinkedAsync();
        await chat.StartSessionAsync();
        await chat.TapAsync("set");
        await chat.AdvanceAsync(TimeSpan.FromSeconds(90)); // resting after round 1

        await chat.TapAsync("Stop");

        Assert.Equal("Quad set: set stopped.", Assert.Single(chat.Edits).Text);
        Assert.Null(chat.Edits[0].SuggestedActions);
        Assert.Equal("You did 1 of 3 rounds. How shall I put it down?", chat.LastReply);
        Assert.Equal(["Done 1 of 3 rounds", "Done, all of it", "Skip"], chat.ButtonLabels);
        await chat.AdvanceAsync(TimeSpan.FromMinutes(5));
        Assert.Empty(chat.Edits);

        await chat.TapAsync("Done 1 of 3 rounds");
        Assert.Contains("Nice work!", chat.Transcript);
        var answer = Assert.Single((await chat.TodaysLogAsync()).Exercises);
        Assert.Equal((ExerciseOutcome.Done, 1), (answer.Outcome, answer.SetsDone));
    }

    [Fact]
    public async Task Stop_before_the_first_round_is_over_offers_done_or_skip_and_skip_asks_why()
    {
        await using var chat = await BotHarness.LinkedAsync();
        await chat.StartSessionAsync();
        await chat.TapAsync("set");
        await chat.AdvanceAsync(TimeSpan.FromSeconds(20));

        await chat.SayAsync("stop");

        Assert.Equal("You stopped before the first round was over. How shall I put it down?", chat.LastReply);
        Assert.Equal(["Done", "Skip"], chat.ButtonLabels);
        await chat.TapAsync("skip");
        Assert.Contains("What's getting in the way of this one?", chat.Transcript);
    }

    [Fact]
    public async Task Chest_pain_typed_mid_set_gets_emergency_advice_and_the_set_stops()
    {
        await using var chat = await BotHarness.LinkedAsync();
        await chat.StartSessionAsync();
        await chat.TapAsync("set");
        await chat.AdvanceAsync(TimeSpan.FromSeconds(12));

        await chat.SayAsync("my chest hurts");

        Assert.Contains("call your local emergency number", chat.Transcript);
        Assert.Equal(SessionStatus.StoppedForSafety, (await chat.TodaysLogAsync()).Status);
        Assert.Equal(0, chat.Service<GuidedSetRunner>().Running);
        await chat.AdvanceAsync(TimeSpan.FromMinutes(5));
        Assert.Empty(chat.Edits);
    }

    [Fact]
    public async Task A_question_typed_mid_set_is_answered_and_the_set_question_waits_with_every_choice()
    {
        await using var chat = await BotHarness.LinkedAsync();
        await chat.StartSessionAsync();
        await chat.TapAsync("set");

        await chat.SayAsync("is it normal that it clicks?");

        Assert.Contains("The set is running. Tap Stop to stop it, or Done when you have finished.", chat.Transcript);
        Assert.Contains("Stop", chat.ButtonLabels);
        Assert.Contains("Done", chat.ButtonLabels);
    }

    [Fact]
    public async Task A_restart_mid_set_asks_whether_Alex_finished_and_done_then_counts()
    {
        await using var chat = await BotHarness.LinkedAsync();
        await chat.StartSessionAsync();
        await chat.TapAsync("set");
        await chat.AdvanceAsync(TimeSpan.FromSeconds(30));

        await chat.RestartAsync();
        Assert.Equal(1, await chat.Service<GuidedSetRunner>().AskInterruptedAsync(TestContext.Current.CancellationToken));

        var (recipient, text) = Assert.Single(chat.Chats.Sent);
        Assert.Equal((chat.Clinic.PatientId, "The set timer was interrupted (HepBot restarted). Did you finish Quad set?"), (recipient, text));
        // Asked once: a second start-up has nothing left to ask.
        Assert.Equal(0, await chat.Service<GuidedSetRunner>().AskInterruptedAsync(TestContext.Current.CancellationToken));

        await chat.SayAsync("done");
        Assert.Contains("Straight leg raise", chat.Transcript);
        Assert.Equal(ExerciseOutcome.Done, Assert.Single((await chat.TodaysLogAsync()).Exercises).Outcome);
    }

    [Fact]
    public async Task Spanish_sets_count_in_Spanish()
    {
        await using var chat = await BotHarness.LinkedAsync(patientLocale: "es");
        await chat.StartSessionAsync();

        await chat.TapAsync("set");
        await chat.AdvanceAsync(TimeSpan.FromSeconds(5));

        Assert.Equal(["Parar"], chat.Edits[0].SuggestedActions.Actions.Select(a => a.Title));
        Assert.StartsWith("Contracción de cuádriceps, ronda 1 de 3\nPosición 1 de 10: mantén… 5 s", chat.Edits[0].Text);
    }
}
