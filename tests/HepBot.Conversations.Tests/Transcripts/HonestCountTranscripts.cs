using HepBot.Core.Sessions;

namespace HepBot.Conversations.Tests.Transcripts;

/// <summary>Done, skipped and stopped are counted apart everywhere; a session that ends on a stop says so kindly.</summary>
public sealed class HonestCountTranscripts
{
    [Fact]
    public async Task After_one_done_and_one_skipped_the_welcome_back_says_so()
    {
        await using var chat = await BotHarness.LinkedAsync();
        await chat.StartSessionAsync();
        await chat.TapAsync("done");
        await chat.TapAsync("skip");
        await chat.TapAsync("NoTime");
        await chat.SayAsync("stop");

        await chat.SayAsync("start");

        Assert.StartsWith("Welcome back! So far: 1 done, 1 skipped, 1 to go. Let's carry on with Heel slide.", chat.Transcript);
    }

    [Fact]
    public async Task Spanish_welcome_back_counts_apart_too()
    {
        await using var chat = await BotHarness.LinkedAsync("es");
        await chat.SayAsync("empezar");
        await chat.TapAsync("start");
        await chat.SayAsync("2");
        await chat.TapAsync("done");
        await chat.TapAsync("painful");
        await chat.SayAsync("6");
        await chat.TapAsync("Ninguno de estos");
        await chat.SayAsync("stop");

        await chat.SayAsync("empezar");

        Assert.StartsWith("¡Hola de nuevo! Hasta ahora: 1 hecho, 1 detenido, 1 por hacer. Sigamos con", chat.Transcript);
    }

    [Fact]
    public async Task A_stop_at_the_last_exercise_ends_kindly_without_all_done()
    {
        await using var chat = await BotHarness.LinkedAsync();
        await chat.StartSessionAsync();
        await chat.TapAsync("done");
        await chat.TapAsync("done");
        await chat.TapAsync("painful");
        await chat.SayAsync("6");

        await chat.TapAsync("None of these");

        Assert.Equal(
            """
            Thank you. No warning signs, which is good.
            That was the last exercise for today. Stopping when it hurts was the right thing to do.
            That's the end of today's exercises. How is your pain now, from 0 to 10?
            """.ReplaceLineEndings("\n"), chat.Transcript);
        Assert.DoesNotContain("next exercise", chat.Transcript);
        Assert.DoesNotContain("All done", chat.Transcript);

        await chat.SayAsync("3");
        await chat.TapAsync("JustRight");
        Assert.StartsWith("Today: 2 done, 1 stopped.\nThis week: 0 of 3 training days done.\n" +
            "Thank you for listening to your body today.", chat.Transcript);
        var log = await chat.TodaysLogAsync();
        Assert.Equal((2, 1), (log.ExercisesDone, log.Exercises.Count(e => e.Outcome == ExerciseOutcome.Stopped)));
    }

    [Fact]
    public async Task Done_skip_and_stop_are_each_counted_in_the_summary()
    {
        await using var chat = await BotHarness.LinkedAsync();
        await chat.StartSessionAsync();
        await chat.TapAsync("done");
        await chat.TapAsync("skip");
        await chat.TapAsync("NoTime");
        await chat.TapAsync("painful");
        await chat.SayAsync("6");
        await chat.TapAsync("None of these");
        await chat.SayAsync("2");

        await chat.TapAsync("Easy");

        Assert.StartsWith("Today: 1 done, 1 skipped, 1 stopped.", chat.Transcript);
        Assert.DoesNotContain("All done", chat.Transcript);
    }

    [Fact]
    public async Task A_skip_at_the_end_is_not_all_done_in_spanish_either()
    {
        await using var chat = await BotHarness.LinkedAsync("es");
        await chat.SayAsync("empezar");
        await chat.TapAsync("start");
        await chat.SayAsync("2");
        await chat.TapAsync("done");
        await chat.TapAsync("done");
        await chat.TapAsync("skip");

        await chat.TapAsync("NoTime");

        Assert.EndsWith("Hemos terminado los ejercicios de hoy. ¿Cómo está tu dolor ahora, del 0 al 10?", chat.Transcript);
        Assert.DoesNotContain("Todo hecho", chat.Transcript);
    }
}
