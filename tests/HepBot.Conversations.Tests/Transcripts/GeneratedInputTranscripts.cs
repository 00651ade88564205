using System.Globalization;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using HepBot.Conversations.DialogLayer;
using Microsoft.Bot.Builder;
using Microsoft.Bot.Schema;
using Newtonsoft.Json.Linq;

namespace HepBot.Conversations.Tests.Transcripts;

/// <summary>
/// Generated conversations: from a fresh chat through linking and a daily session, Alex's sensible moves
/// (the first button offered, the invitation code) are mixed with anything at all — any Unicode text,
/// very long and empty texts, digits of many scripts, slash commands with junk, button values with the
/// current, an old or a made-up question id, card submits of any shape. No turn may throw or apologise
/// for an error, and every input the bot turns down records nothing.
/// </summary>
public sealed class GeneratedInputTranscripts
{
    /// <summary>The first words of every reply that turns an input down (English).</summary>
    private static readonly string[] Refusals =
    [
        "Sorry, I didn't understand that.",
        "That question has already passed, so I didn't record that answer.",
        "Please send a number from",
        "Please send a time like",
        "Please choose one of the options.",
        "That doesn't look like a code.",
    ];

    [Property(MaxTest = 8, Arbitrary = [typeof(ChatInputs)])]
    public async Task No_input_at_any_point_breaks_a_turn_and_a_refused_input_records_nothing(ChatInput[] script)
    {
        await using var chat = await BotHarness.StartAsync();
        string? oldPromptId = null;
        foreach (var input in script)
        {
            var before = await chat.RecordsAsync();
            var current = CurrentPromptId(chat);
            await chat.SendAsync(input.ToActivity(chat, current, oldPromptId));
            if (current is not null && current != CurrentPromptId(chat))
                oldPromptId = current;

            Assert.DoesNotContain(chat.Replies, r => r.Text?.Contains("something went wrong") == true);
            if (chat.Replies.FirstOrDefault()?.Text is { } first && Refusals.Any(first.StartsWith))
                Assert.True(before == await chat.RecordsAsync(), $"'{first}' was said to {input}, yet something was recorded.");
        }
    }

    private static string? CurrentPromptId(BotHarness chat) =>
        chat.Replies.LastOrDefault(r => r.SuggestedActions?.Actions?.Count > 0)?.SuggestedActions.Actions
            .Select(PromptIdentity.OfButton).FirstOrDefault(id => id is not null);

    /// <summary>One message of a generated script.</summary>
    public sealed record ChatInput(ChatInput.Kinds Kind, string Text, string PromptChoice, JToken? Submit)
    {
        public enum Kinds { Advance, Typed, Button, CardSubmit }

        public bool IsAdvance => Kind == Kinds.Advance;

        public IMessageActivity ToActivity(BotHarness chat, string? currentPromptId, string? oldPromptId)
        {
            switch (Kind)
            {
                case Kinds.Advance:
                    // The first button on screen, or what an unlinked chat needs: the code.
                    var first = chat.Buttons is [var firstButton, ..] ? firstButton : null;
                    return first is not null ? chat.Press(first)
                        : chat.Transcript.Contains("code") || chat.Replies.Count == 0 ? MessageFactory.Text($"/start {chat.Clinic.InvitationCode}")
                        : MessageFactory.Text("start");
                case Kinds.Button:
                    var press = MessageFactory.Text(Text);
                    var promptId = PromptChoice switch
                    {
                        "current" => currentPromptId,
                        "old" => oldPromptId,
                        "none" => null,
                        _ => PromptChoice,
                    };
                    if (promptId is not null)
                        press.Value = PromptIdentity.Submit(Text, promptId);
                    return press;
                case Kinds.CardSubmit:
                    var submit = (Activity)Activity.CreateMessageActivity();
                    submit.Text = Text.Length == 0 ? null : Text;
                    submit.Value = Submit;
                    return submit;
                default:
                    return MessageFactory.Text(Text);
            }
        }

        public override string ToString() =>
            $"{Kind} \"{(Text.Length > 40 ? Text[..40] + "…" : Text)}\" prompt={PromptChoice} submit={Submit?.ToString(Newtonsoft.Json.Formatting.None)}";
    }

    public static class ChatInputs
    {
        private static readonly string[] DigitScripts = ["0123456789", "０１２３４５６７８９", "٠١٢٣٤٥٦٧٨٩", "۰۱۲۳۴۵۶۷۸۹", "०१२३४५६७८९", "০১২৩৪৫৬৭৮৯", "๐๑๒๓๔๕๖๗๘๙"];

        private static readonly string[] Slash =
            ["/today", "/start", "/progress", "/reminder", "/pause", "/language", "/message", "/mydata", "/forgetme", "/help", "/menu", "/stop", "/snooze", "/skipday", "/barrier", "/", "/unknown", "/start@HepBot"];

        private static readonly string[] ButtonValues =
            ["done", "skip", "painful", "again", "set", "stop", "partial", "start", "skipDay", "later", "yes", "no", "keep", "change",
             "Today", "Progress", "Reminder", "Pause", "ForgetMe", "JustRight", "noTime", "pain", "0", "5", "10", "11", "-1", "en", "es"];

        private static Gen<string> AnyText =>
            Gen.OneOf(
                ArbMap.Default.GeneratorFor<string>().Select(s => s ?? ""),
                ArbMap.Default.GeneratorFor<UnicodeString>().Select(s => s.Get ?? ""),
                Gen.Elements("", " ", "\n\t", "\u200b", "👍🏽", "\ud83d", "Ω≈ç√", "ñÑáé", "DELETE?", "borrar"),
                Gen.Choose(1000, 9000).Select(n => new string('x', n)),
                Gen.Choose(4000, 6000).Select(n => string.Concat(Enumerable.Repeat("😀", n))),
                Digits,
                from command in Gen.Elements(Slash)
                from junk in ArbMap.Default.GeneratorFor<UnicodeString>()
                select $"{command} {junk.Get}");

        private static Gen<string> Digits =>
            from script in Gen.Elements(DigitScripts)
            from count in Gen.Choose(1, 4)
            from digits in Gen.ListOf(Gen.Choose(0, 9), count)
            from separator in Gen.Elements("", ":", "：", ".", "/", " pm", "/10")
            from more in Gen.Choose(0, 99)
            select string.Concat(digits.Select(d => script[d])) + separator + (separator.Length > 0 ? string.Concat(more.ToString(CultureInfo.InvariantCulture).Select(c => script[c - '0'])) : "");

        private static Gen<JToken?> AnySubmit =>
            Gen.OneOf(
                Gen.Constant<JToken?>(null),
                AnyText.Select(t => (JToken?)new JValue(t)),
                Gen.Choose(-5, 20).Select(n => (JToken?)new JValue(n)),
                Gen.Elements(7.5, 1e300, double.NaN).Select(d => (JToken?)new JValue(d)),
                from choice in Gen.OneOf(Gen.Elements(ButtonValues).Select(v => (JToken)v), AnyText.Select(t => (JToken)t),
                    Gen.Constant<JToken>(JValue.CreateNull()), Gen.Constant<JToken>(new JArray(1, 2)), Gen.Constant<JToken>(new JObject { ["x"] = 1 }))
                from prompt in Gen.OneOf(Gen.Elements("abc123", "", "zzzzzz").Select(p => (JToken)p), Gen.Constant<JToken>(new JArray()), Gen.Constant<JToken>(42))
                from hasPrompt in ArbMap.Default.GeneratorFor<bool>()
                select (JToken?)(hasPrompt ? new JObject { ["choice"] = choice, ["prompt"] = prompt } : new JObject { ["value"] = choice }));

        private static Gen<ChatInput> Input =>
            Gen.Frequency(
                (5, Gen.Constant(new ChatInput(ChatInput.Kinds.Advance, "", "none", null))),
                (3, AnyText.Select(t => new ChatInput(ChatInput.Kinds.Typed, t, "none", null))),
                (2, from value in Gen.OneOf(Gen.Elements(ButtonValues), AnyText)
                    from prompt in Gen.Elements("current", "old", "none", "qqqqqq", "")
                    select new ChatInput(ChatInput.Kinds.Button, value, prompt, null)),
                (2, from text in Gen.OneOf(Gen.Constant(""), Gen.Elements(ButtonValues))
                    from submit in AnySubmit
                    select new ChatInput(ChatInput.Kinds.CardSubmit, text, "none", submit)));

        public static Arbitrary<ChatInput[]> Scripts() =>
            Gen.ArrayOf(Input, 14).ToArbitrary();
    }
}
