using System.Text;
using HepBot.Conversations.Bot;
using HepBot.Core.Exercises;
using HepBot.Core.Prescriptions;
using Microsoft.Bot.Builder;
using Microsoft.Bot.Schema;

namespace HepBot.Conversations.Sessions;

/// <summary>
/// Writes one exercise as a message: name, dose, steps, cues, cautions, the therapist's note, and the
/// picture or clip when the exercise has one. Channel adapters turn the attachment into native media.
/// </summary>
public sealed class ExerciseCard(Phrases phrases, ExerciseMediaLocator media)
{
    public IMessageActivity Build(ITurnContext turn, PrescriptionItem item, int number, int total)
    {
        var exercise = item.Exercise ?? throw new InvalidOperationException("Prescription items are loaded with their exercise.");
        var text = exercise.TextFor(turn.Activity.Locale ?? Exercise.DefaultLocale);
        var body = new StringBuilder()
            .AppendLine(phrases.Get(turn, "exercise.header", ("number", number), ("total", total), ("name", text.Name)))
            .AppendLine(Dose(turn, item.Dose))
            .AppendLine()
            .AppendLine(phrases.Get(turn, "exercise.stepsTitle"));
        for (var i = 0; i < text.Steps.Count; i++)
            body.AppendLine($"{i + 1}. {text.Steps[i]}");
        AppendList(body, phrases.Get(turn, "exercise.cuesTitle"), text.Cues);
        AppendList(body, phrases.Get(turn, "exercise.cautionsTitle"), text.Cautions);
        if (!string.IsNullOrWhiteSpace(item.Notes))
            body.AppendLine().AppendLine(phrases.Get(turn, "exercise.notesTitle")).AppendLine(item.Notes);

        var message = MessageFactory.Text(body.ToString().TrimEnd());
        if (media.Attachment(exercise, item.Dose.Side, turn.Activity.ChannelId) is { } attachment)
            message.Attachments = [attachment];
        return message;
    }

    /// <summary>"3 × 10 repetitions, hold each 5 seconds. Do it on each side. Rest 30 seconds between sets."</summary>
    public string Dose(ITurnContext turn, ExerciseDose dose)
    {
        var amount = (dose.Reps, dose.HoldSeconds) switch
        {
            ({ } reps, { } hold) => phrases.Get(turn, "exercise.dose.repsHold", ("sets", dose.Sets), ("reps", reps), ("hold", hold)),
            ({ } reps, null) => phrases.Get(turn, "exercise.dose.reps", ("sets", dose.Sets), ("reps", reps)),
            (null, var hold) => phrases.Get(turn, "exercise.dose.hold", ("sets", dose.Sets), ("hold", hold)),
        };
        var parts = new List<string> { amount + "." };
        var side = phrases.Get(turn, "exercise.dose.side." + dose.Side.ToString().ToLowerInvariant());
        if (side.Length > 0)
            parts.Add(side);
        if (dose.Sets > 1 && dose.RestSeconds > 0)
            parts.Add(phrases.Get(turn, "exercise.dose.rest", ("rest", dose.RestSeconds)));
        return string.Join(" ", parts);
    }

    private static void AppendList(StringBuilder body, string title, IReadOnlyList<string> lines)
    {
        if (lines.Count == 0)
            return;
        body.AppendLine().AppendLine(title);
        foreach (var line in lines)
            body.AppendLine($"• {line}");
    }
}
