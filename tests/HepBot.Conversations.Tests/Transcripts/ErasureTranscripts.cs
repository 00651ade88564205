using HepBot.Core.Alerts;
using Microsoft.Bot.Builder;
using Microsoft.EntityFrameworkCore;

namespace HepBot.Conversations.Tests.Transcripts;

/// <summary>
/// "Delete my data" erases only when Alex types the confirmation word of their language. Menu numbers,
/// buttons and card submits never stand in for it: after a pain stop, "8", "8", "1" once erased Alex
/// and the urgent alert just raised. When Alex does erase, Dana hears about it, without Alex's words.
/// </summary>
public sealed class ErasureTranscripts
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task One_after_a_pain_stop_and_the_delete_menu_item_erases_nothing_and_the_urgent_alert_stays()
    {
        await using var chat = await BotHarness.LinkedAsync();
        await chat.StartSessionAsync();
        await chat.TapAsync("painful");
        await chat.SayAsync("8");
        await chat.TapAsync("none");
        Assert.Equal(AlertSeverity.Urgent, Assert.Single(await chat.AlertsAsync()).Severity);

        await chat.SayAsync("menu");
        await chat.SayAsync("9");
        Assert.Contains("To delete everything, type DELETE.", chat.Transcript);
        await chat.SayAsync("1");

        Assert.Equal("Nothing was deleted.", chat.Transcript);
        await using var db = chat.Db();
        Assert.Single(await db.Patients.ToListAsync(Ct));
        Assert.Single(await chat.AlertsAsync());
        Assert.Empty(chat.Chats.Sent);
    }

    [Theory]
    [InlineData("erase")]
    [InlineData("DELETE")]
    [InlineData("yes")]
    public async Task A_button_or_card_submit_never_confirms_erasure(string submitted)
    {
        await using var chat = await BotHarness.LinkedAsync();
        await chat.SayAsync("delete my data");
        var before = await chat.RecordsAsync();

        var submit = MessageFactory.Text(submitted);
        submit.Value = Newtonsoft.Json.Linq.JObject.FromObject(new { choice = submitted });
        await chat.SendAsync(submit);

        Assert.Equal("Nothing was deleted.", chat.Transcript);
        Assert.Equal(before, await chat.RecordsAsync());
    }

    [Theory]
    [InlineData("en", "delete my data", "delete", "Your data has been deleted")]
    [InlineData("es", "borrar mis datos", "BORRAR", "Tus datos se han borrado")]
    public async Task Typing_the_word_of_the_patients_language_erases_and_the_therapist_is_told_without_the_patients_words(
        string language, string command, string word, string erased)
    {
        await using var chat = await BotHarness.LinkedAsync(language);
        await chat.SayAsync("message");
        await chat.SayAsync("My knee is swollen, please call me.");
        chat.Chats.Sent.Clear();

        await chat.SayAsync(command);
        await chat.SayAsync(word);

        Assert.StartsWith(erased, chat.Transcript);
        await using (var db = chat.Db())
            Assert.Empty(await db.Patients.ToListAsync(Ct));
        var (recipient, text) = Assert.Single(chat.Chats.Sent);
        Assert.Equal(chat.Clinic.TherapistId, recipient);
        Assert.Equal("Alex Moreno deleted their data from HepBot. Their program, answers, messages and alerts are gone and their chat is no longer connected; the audit trail keeps only that the erasure happened.", text);
        Assert.DoesNotContain("swollen", text);
    }

    [Fact]
    public async Task The_english_word_does_not_erase_a_spanish_patient()
    {
        await using var chat = await BotHarness.LinkedAsync("es");
        await chat.SayAsync("borrar mis datos");
        Assert.Contains("escribe BORRAR", chat.Transcript);

        await chat.SayAsync("DELETE");

        Assert.Equal("De acuerdo, no borro nada. Tus datos siguen guardados.", chat.Transcript);
        await using var db = chat.Db();
        Assert.Single(await db.Patients.ToListAsync(Ct));
    }
}
