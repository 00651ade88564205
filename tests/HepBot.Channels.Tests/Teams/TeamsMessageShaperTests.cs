using System.Globalization;
using HepBot.Channels.Teams;
using HepBot.Conversations.DialogLayer;
using Microsoft.Bot.Builder;
using Microsoft.Bot.Builder.Adapters;
using Microsoft.Bot.Schema;
using Newtonsoft.Json.Linq;

namespace HepBot.Channels.Tests.Teams;

/// <summary>What a question with buttons looks like when it reaches a patient in Teams personal chat.</summary>
public sealed class TeamsMessageShaperTests
{
    private static readonly string[] PainScale = [.. Enumerable.Range(0, 11).Select(n => n.ToString(CultureInfo.InvariantCulture))];

    [Fact]
    public void A_yes_no_question_keeps_its_suggested_actions()
    {
        var question = Question("Can I send you reminders?", ("yes", "Yes"), ("no", "No"));

        TeamsMessageShaper.Shape(question);

        Assert.Equal("Can I send you reminders?", question.Text);
        Assert.Equal(["Yes", "No"], question.SuggestedActions.Actions.Select(a => a.Title));
        Assert.Empty(question.Attachments);
    }

    [Fact]
    public void The_pain_scale_becomes_an_adaptive_card_with_one_submit_per_number()
    {
        var question = Question("How is your pain right now, from 0 to 10?", [.. PainScale.Select(n => (n, n))]);

        TeamsMessageShaper.Shape(question);

        Assert.Null(question.Text);
        Assert.Null(question.SuggestedActions);
        var attachment = Assert.Single(question.Attachments);
        Assert.Equal("application/vnd.microsoft.card.adaptive", attachment.ContentType);
        var card = Assert.IsType<JObject>(attachment.Content);
        Assert.Equal(("AdaptiveCard", "1.5"), ((string?)card["type"], (string?)card["version"]));
        var text = (JObject)card["body"]![0]!;
        Assert.Equal(("TextBlock", "How is your pain right now, from 0 to 10?", true), ((string?)text["type"], (string?)text["text"], (bool?)text["wrap"]));
        var rows = card["body"]!.Where(e => (string?)e["type"] == "ActionSet").ToList();
        Assert.Equal([6, 5], rows.Select(r => r["actions"]!.Count()));
        var submits = rows.SelectMany(r => r["actions"]!).ToList();
        Assert.All(submits, s => Assert.Equal("Action.Submit", (string?)s["type"]));
        Assert.Equal(PainScale, submits.Select(s => (string?)s["data"]!["choice"]));
        Assert.Equal(PainScale, submits.Select(s => (string?)s["title"]));
    }

    [Fact]
    public void A_submit_carries_plain_data_that_Teams_and_the_Agents_Playground_both_post_back()
    {
        var question = Question("Exercise 1 of 6: Quad set", ("done", "Done"), ("skip", "Skip"), ("pain", "Too painful"), ("again", "Show me again"));

        TeamsMessageShaper.Shape(question);

        var card = (JObject)question.Attachments[0].Content;
        var done = card["body"]!.Where(e => (string?)e["type"] == "ActionSet").SelectMany(r => r["actions"]!).First();
        Assert.Equal("""{"type":"Action.Submit","title":"Done","data":{"choice":"done"}}""",
            done.ToString(Newtonsoft.Json.Formatting.None));
        Assert.Equal([3, 1], card["body"]!.Where(e => (string?)e["type"] == "ActionSet").Select(r => r["actions"]!.Count()));
    }

    [Fact]
    public void An_answered_card_keeps_its_question_and_shows_the_chosen_label_instead_of_its_buttons()
    {
        var question = Question("Exercise 1 of 6: Quad set\nTighten your thigh.", ("done", "Done"), ("skip", "Skip"), ("pain", "Too painful"), ("again", "Show me again"));
        var card = TeamsMessageShaper.Shape(question)!;

        var answered = ChoiceCard.Answered(card, "pain")!;

        var body = answered["body"]!;
        Assert.Equal(["Exercise 1 of 6: Quad set", "Tighten your thigh.", "» Too painful"], body.Select(e => (string?)e["text"]));
        Assert.DoesNotContain(body, e => (string?)e["type"] == "ActionSet");
        Assert.Equal(4, card["body"]!.Where(e => (string?)e["type"] == "ActionSet").Sum(r => r["actions"]!.Count()));
        Assert.Null(ChoiceCard.Answered(card, "not-a-button"));
    }

    [Fact]
    public void An_exercise_picture_goes_into_the_card_and_a_clip_stays_beside_it()
    {
        var question = Question("Exercise 2 of 6: Bridge\n3 × 10 repetitions.\n\nSteps:\n1. Lie on your back.", ("done", "Done"), ("skip", "Skip"));
        var picture = new Attachment { ContentType = "image/png", ContentUrl = "https://media.clinic.example/bridge.png", Name = "Bridge" };
        var clip = new Attachment { ContentType = "video/mp4", ContentUrl = "https://media.clinic.example/bridge.mp4" };
        question.Attachments = [picture, clip];

        TeamsMessageShaper.Shape(question);

        Assert.Equal(2, question.Attachments.Count);
        Assert.Same(clip, question.Attachments[1]);
        var body = ((JObject)question.Attachments[0].Content)["body"]!;
        Assert.Equal(["Exercise 2 of 6: Bridge", "3 × 10 repetitions.", "Steps:", "1. Lie on your back."],
            body.Where(e => (string?)e["type"] == "TextBlock").Select(e => (string?)e["text"]));
        Assert.Equal("Medium", (string?)body[2]!["spacing"]);
        var image = Assert.Single(body, e => (string?)e["type"] == "Image");
        Assert.Equal(("https://media.clinic.example/bridge.png", "Bridge"), ((string?)image["url"], (string?)image["altText"]));
        Assert.Null(question.SuggestedActions);
    }

    [Fact]
    public void An_exercise_message_without_buttons_becomes_one_card_with_its_picture_and_alt_text()
    {
        var exercise = (Activity)MessageFactory.Text("Exercise 1 of 6: Quad set\nHow to do it:\n1. Sit with your leg straight.");
        exercise.Attachments = [new Attachment
        {
            ContentType = "image/png", ContentUrl = "https://hepbot.clinic.example/media/exercises/quad-set/still.png?side=right",
            Name = "Picture of the exercise: Quad set",
        }];
        var plain = (Activity)MessageFactory.Text("Nice work!");

        Assert.NotNull(TeamsMessageShaper.Shape(exercise));
        Assert.Null(TeamsMessageShaper.Shape(plain));

        Assert.Null(exercise.Text);
        var card = (JObject)Assert.Single(exercise.Attachments).Content;
        Assert.Equal("Exercise 1 of 6: Quad set", (string?)card["body"]![0]!["text"]);
        var image = Assert.Single(card["body"]!, e => (string?)e["type"] == "Image");
        Assert.Equal(("https://hepbot.clinic.example/media/exercises/quad-set/still.png?side=right", "Picture of the exercise: Quad set"),
            ((string?)image["url"], (string?)image["altText"]));
        Assert.DoesNotContain(card["body"]!, e => (string?)e["type"] == "ActionSet");
        Assert.Equal("Nice work!", plain.Text);
    }

    [Fact]
    public void A_local_picture_Teams_cannot_fetch_is_not_put_in_the_card()
    {
        var question = Question("Exercise 1 of 1: Heel slide", ("done", "Done"));
        var file = new Attachment { ContentType = "image/jpeg", ContentUrl = "file:///srv/hepbot/library/media/heel-slide.jpg" };
        question.Attachments = [file];

        TeamsMessageShaper.Shape(question);

        Assert.Same(file, question.Attachments[1]);
        Assert.DoesNotContain(((JObject)question.Attachments[0].Content)["body"]!, e => (string?)e["type"] == "Image");
    }

    [Theory]
    [InlineData("msteams", true)]
    [InlineData("emulator", false)]
    [InlineData("telegram", false)]
    public async Task Only_Teams_replies_are_reshaped(string channel, bool expectCard)
    {
        var adapter = new TestAdapter(channel).Use(new TeamsMessageShaper());
        await new TestFlow(adapter, (turn, ct) => turn.SendActivityAsync(Question("Pain?", [.. PainScale.Select(n => (n, n))]), ct))
            .Send("hi")
            .AssertReply(reply =>
            {
                var message = (IMessageActivity)reply;
                Assert.Equal(expectCard, message.Attachments?.Count == 1);
                Assert.Equal(expectCard, message.SuggestedActions is null);
            })
            .StartTestAsync();
    }

    private static Activity Question(string text, params (string Value, string Label)[] choices)
    {
        var activity = (Activity)MessageFactory.Text(text);
        activity.SuggestedActions = ChoiceFactory.SuggestedActions(choices.Select(c => new Choice(c.Value, c.Label)));
        return activity;
    }
}
