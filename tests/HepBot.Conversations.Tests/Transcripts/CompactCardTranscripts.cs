using HepBot.Core.Prescriptions;
using HepBot.Core.Sessions;
using Microsoft.EntityFrameworkCore;

namespace HepBot.Conversations.Tests.Transcripts;

/// <summary>
/// The full card the first time, a compact one after: name, dose in plain words, the cue that matters
/// most, and "Show steps". Also the program note once per version and "unsure how" with a try now.
/// </summary>
public sealed class CompactCardTranscripts
{
    /// <summary>About what a phone shows in one line at a normal text size.</summary>
    private const int PhoneLineWidth = 40;

    [Fact]
    public async Task The_second_days_cards_are_compact_and_fit_six_phone_lines()
    {
        await using var chat = await BotHarness.LinkedAsync();
        await FinishTodayAsync(chat);
        chat.Clock.Advance(TimeSpan.FromDays(1));

        await chat.StartSessionAsync();

        var card = chat.Replies[0].Text;
        Assert.Equal(
            """
            1 of 3: Quad set
            10 times, 3 rounds, rest 30 seconds between rounds; hold each for 5 seconds; your sore leg
            Your kneecap slides up a little as the thigh tightens.
            """.ReplaceLineEndings("\n"), card);
        Assert.True(PhoneLines(card) <= 6, $"The compact card takes {PhoneLines(card)} lines on a phone.");
        Assert.Equal(["Done", "Skip", "Too painful", "Show steps", "Start the set", "I feel unwell"], chat.ButtonLabels);
    }

    [Fact]
    public async Task Show_steps_on_a_compact_card_gives_the_full_card()
    {
        await using var chat = await BotHarness.LinkedAsync();
        await FinishTodayAsync(chat);
        chat.Clock.Advance(TimeSpan.FromDays(1));
        await chat.StartSessionAsync();

        await chat.TapAsync("Show steps");

        Assert.StartsWith("Exercise 1 of 3: Quad set", chat.Transcript);
        Assert.Contains("How to do it:\n1. Sit or lie down with your leg straight in front of you.", chat.Transcript);
        Assert.Contains("Show me again", chat.ButtonLabels);
    }

    [Fact]
    public async Task The_first_session_shows_full_cards_and_spanish_compact_cards_follow()
    {
        await using var chat = await BotHarness.LinkedAsync("es");
        await chat.SayAsync("empezar");
        await chat.TapAsync("start");
        await chat.SayAsync("2");
        Assert.Contains("Cómo hacerlo:", chat.Transcript);
        await chat.TapAsync("done");
        await chat.TapAsync("done");
        await chat.TapAsync("done");
        await chat.SayAsync("1");
        await chat.TapAsync("Easy");
        chat.Clock.Advance(TimeSpan.FromDays(1));

        await chat.SayAsync("empezar");
        await chat.TapAsync("start");
        await chat.SayAsync("2");

        var card = chat.Replies[0].Text;
        Assert.Equal(
            """
            1 de 3: Contracción de cuádriceps
            10 veces, 3 rondas, descansa 30 segundos entre rondas; mantén cada una 5 segundos; la pierna que te duele
            La rótula sube un poco cuando el muslo se tensa.
            """.ReplaceLineEndings("\n"), card);
        Assert.True(PhoneLines(card) <= 6, $"The compact card takes {PhoneLines(card)} lines on a phone.");
        Assert.Contains("Ver los pasos", chat.ButtonLabels);
    }

    [Fact]
    public async Task The_therapists_item_note_is_on_the_compact_card_too()
    {
        await using var chat = await BotHarness.LinkedAsync();
        await using (var db = chat.Db())
        {
            var item = await db.PrescriptionItems.OrderBy(i => i.Order).FirstAsync(TestContext.Current.CancellationToken);
            item.Notes = "Only to 90 degrees.";
            await db.SaveChangesAsync(TestContext.Current.CancellationToken);
        }
        await FinishTodayAsync(chat);
        chat.Clock.Advance(TimeSpan.FromDays(1));

        await chat.StartSessionAsync();

        Assert.EndsWith("\nYour therapist: Only to 90 degrees.", chat.Replies[0].Text);
    }

    [Fact]
    public async Task The_program_note_is_read_at_the_start_of_the_first_session_of_each_version()
    {
        await using var chat = await BotHarness.LinkedAsync();
        await SetProgramNoteAsync(chat, "Pain up to 3/10 is fine.");

        await chat.SayAsync("start");
        await chat.TapAsync("start");

        Assert.StartsWith("A note from your therapist about this program: Pain up to 3/10 is fine.\nBefore we start:", chat.Transcript);
        await chat.SayAsync("2");
        await chat.TapAsync("done");
        await chat.TapAsync("done");
        await chat.TapAsync("done");
        await chat.SayAsync("1");
        await chat.TapAsync("Easy");

        chat.Clock.Advance(TimeSpan.FromDays(1));
        await chat.SayAsync("start");
        await chat.TapAsync("start");
        Assert.DoesNotContain("A note from your therapist", chat.Transcript);
        await chat.SayAsync("2");
        await chat.TapAsync("done");
        await chat.TapAsync("done");
        await chat.TapAsync("done");
        await chat.SayAsync("1");
        await chat.TapAsync("Easy");

        chat.Clock.Advance(TimeSpan.FromDays(1));
        await NewVersionAsync(chat, "New program: walk 10 minutes a day as well.");
        await chat.SayAsync("start");
        await chat.TapAsync("start");
        Assert.StartsWith("A note from your therapist about this program: New program: walk 10 minutes a day as well.", chat.Transcript);
    }

    [Fact]
    public async Task Unsure_how_shows_the_full_card_and_then_Done_still_offers_to_tell_the_therapist()
    {
        await using var chat = await BotHarness.LinkedAsync();
        await chat.StartSessionAsync();
        await chat.TapAsync("skip");
        await chat.TapAsync("UnsureHow");
        Assert.Equal("Would you like to try it now, with the steps above?", chat.LastReply);
        Assert.Equal(["Try it now", "Skip it today"], chat.ButtonLabels);

        await chat.TapAsync("tryNow");
        Assert.Equal("Tap Done when you've finished, or choose another option.", chat.Transcript);
        await chat.TapAsync("done");
        Assert.Equal("Nice work!\nWell done for trying. Shall I still tell your therapist you weren't sure about Quad set, so they can check it with you?",
            chat.Transcript);
        await chat.SayAsync("yes");

        Assert.StartsWith("Done. Your therapist will see it and can show you at your next visit.\nExercise 2 of 3", chat.Transcript);
        var answer = Assert.Single((await chat.TodaysLogAsync()).Exercises);
        Assert.Equal(ExerciseOutcome.Done, answer.Outcome);
        Assert.Contains("quad-set", Assert.Single(await chat.AlertsAsync()).Detail);
    }

    private static async Task FinishTodayAsync(BotHarness chat)
    {
        await chat.StartSessionAsync();
        await chat.TapAsync("done");
        await chat.TapAsync("done");
        await chat.TapAsync("done");
        await chat.SayAsync("1");
        await chat.TapAsync("Easy");
    }

    private static async Task SetProgramNoteAsync(BotHarness chat, string note)
    {
        await using var db = chat.Db();
        var prescription = await db.Prescriptions.SingleAsync(p => p.SupersededAt == null, TestContext.Current.CancellationToken);
        prescription.Notes = note;
        await db.SaveChangesAsync(TestContext.Current.CancellationToken);
    }

    private static async Task NewVersionAsync(BotHarness chat, string note)
    {
        await using var db = chat.Db();
        var old = await db.Prescriptions.Include(p => p.Items).SingleAsync(p => p.SupersededAt == null, TestContext.Current.CancellationToken);
        old.SupersededAt = chat.Clock.GetUtcNow();
        db.Prescriptions.Add(new Prescription
        {
            PatientId = old.PatientId,
            Version = old.Version + 1,
            PrescribedById = old.PrescribedById,
            CreatedAt = chat.Clock.GetUtcNow(),
            Schedule = old.Schedule,
            Notes = note,
            Items = old.Items.Select(i => new PrescriptionItem { Order = i.Order, ExerciseId = i.ExerciseId, Dose = i.Dose }).ToList(),
        });
        await db.SaveChangesAsync(TestContext.Current.CancellationToken);
    }

    /// <summary>How many lines the text takes on a phone: each line word-wrapped at <see cref="PhoneLineWidth"/>.</summary>
    internal static int PhoneLines(string text) =>
        text.Split('\n').Sum(line =>
        {
            var lines = 1;
            var width = 0;
            foreach (var word in line.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            {
                if (width > 0 && width + 1 + word.Length > PhoneLineWidth)
                {
                    lines++;
                    width = word.Length;
                }
                else
                    width += (width > 0 ? 1 : 0) + word.Length;
            }
            return lines;
        });
}
