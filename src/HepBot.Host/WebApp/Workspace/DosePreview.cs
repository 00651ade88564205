using HepBot.Conversations.Content;
using HepBot.Core.Exercises;

namespace HepBot.Host.WebApp.Workspace;

/// <summary>
/// A dose in the words the patient reads on the exercise card, in the patient's language: the editor's preview
/// uses the chat's own texts (dialogs/&lt;language&gt;/exercise.yaml), so the two cannot drift apart.
/// </summary>
internal sealed class DosePreview(DialogTextCatalog catalog)
{
    public string Words(ExerciseDose dose, string locale)
    {
        var amount = (dose.Reps, dose.HoldSeconds) switch
        {
            ({ } reps, { } hold) => catalog.Get(locale, "exercise.dose.repsHold", ("sets", dose.Sets), ("reps", reps), ("hold", hold)),
            ({ } reps, null) => catalog.Get(locale, "exercise.dose.reps", ("sets", dose.Sets), ("reps", reps)),
            (null, var hold) => catalog.Get(locale, "exercise.dose.hold", ("sets", dose.Sets), ("hold", hold)),
        };
        var parts = new List<string> { amount + "." };
        var side = catalog.Get(locale, "exercise.dose.side." + dose.Side.ToString().ToLowerInvariant());
        if (side.Length > 0)
            parts.Add(side);
        if (dose.Sets > 1 && dose.RestSeconds > 0)
            parts.Add(catalog.Get(locale, "exercise.dose.rest", ("rest", dose.RestSeconds)));
        return string.Join(" ", parts);
    }
}
