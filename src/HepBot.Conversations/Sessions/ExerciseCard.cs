using System.Globalization;
using System.Text;
using HepBot.Conversations.Bot;
using HepBot.Conversations.Content;
using HepBot.Core.Exercises;
using HepBot.Core.Prescriptions;
using Microsoft.Bot.Builder;
using Microsoft.Bot.Schema;

namespace HepBot.Conversations.Sessions;

/// <summary>
/// Writes one exercise as a message: name, dose, steps, cues, cautions, the therapist's note, and the
/// picture or clip when the exercise has one. Channel adapters turn the attachment into native media.
/// </summary>
public sealed class ExerciseCard(Phrases phrases, DoseWords doseWords, ExerciseMediaLocator media)
{
    public IMessageActivity Build(ITurnContext turn, PrescriptionItem item, int number, int total)
    {
        var exercise = item.Exercise ?? throw new InvalidOperationException("Prescription items are loaded with their exercise.");
        var text = exercise.TextFor(turn.Activity.Locale ?? Exercise.DefaultLocale);
        var body = new StringBuilder()
            .AppendLine(phrases.Get(turn, "exercise.header", ("number", number), ("total", total), ("name", text.Name)))
            .AppendLine(doseWords.Describe(turn, item))
            .AppendLine()
            .AppendLine(phrases.Get(turn, "exercise.stepsTitle"));
        for (var i = 0; i < text.Steps.Count; i++)
            body.AppendLine(CultureInfo.InvariantCulture, $"{i + 1}. {text.Steps[i]}");
        AppendList(body, phrases.Get(turn, "exercise.cuesTitle"), text.Cues);
        AppendList(body, phrases.Get(turn, "exercise.cautionsTitle"), text.Cautions);
        if (!string.IsNullOrWhiteSpace(item.Notes))
            body.AppendLine().AppendLine(phrases.Get(turn, "exercise.notesTitle")).AppendLine(item.Notes);

        var message = MessageFactory.Text(body.ToString().TrimEnd());
        var altText = phrases.Get(turn, "exercise.pictureAlt", ("name", text.Name));
        if (media.Attachment(exercise, item.Dose.Side, turn.Activity.ChannelId, altText) is { } attachment)
            message.Attachments = [attachment];
        return message;
    }

    /// <summary>
    /// The card for an exercise the patient has met before: name, dose in plain words, the one cue that
    /// matters most and the therapist's note. Short enough for a phone screen; "Show steps" gives the full card.
    /// </summary>
    public IMessageActivity BuildCompact(ITurnContext turn, PrescriptionItem item, int number, int total)
    {
        var exercise = item.Exercise ?? throw new InvalidOperationException("Prescription items are loaded with their exercise.");
        var text = exercise.TextFor(turn.Activity.Locale ?? Exercise.DefaultLocale);
        var lines = new List<string>
        {
            phrases.Get(turn, "exercise.compactHeader", ("number", number), ("total", total), ("name", text.Name)),
            doseWords.Describe(turn, item),
        };
        // The library lists the cue that matters most first.
        if (text.Cues.Count > 0)
            lines.Add(text.Cues[0]);
        if (!string.IsNullOrWhiteSpace(item.Notes))
            lines.Add(phrases.Get(turn, "exercise.compactNote", ("note", item.Notes.Trim())));
        return MessageFactory.Text(string.Join("\n", lines));
    }

    private static void AppendList(StringBuilder body, string title, IReadOnlyList<string> lines)
    {
        if (lines.Count == 0)
            return;
        body.AppendLine().AppendLine(title);
        foreach (var line in lines)
            body.AppendLine(CultureInfo.InvariantCulture, $"• {line}");
    }
}
