using HepBot.Core.Exercises;
using HepBot.Core.Prescriptions;
using Microsoft.Bot.Builder;

namespace HepBot.Conversations.Content;

/// <summary>
/// The one place a dose becomes words a patient reads, in any language and outside a turn too
/// (reminders, progress, handouts): "10 times, 3 rounds, rest 30 seconds between rounds; hold each
/// for 5 seconds; right leg". Plain words, no "sets" or "reps", because many patients do not know them.
/// </summary>
public sealed class DoseWords(DialogTextCatalog catalog)
{
    /// <summary>The dose without a body region: sides are worded as "left side", "each side".</summary>
    public string Describe(ExerciseDose dose, string language) => Describe(dose, language, region: null);

    /// <summary>The item's dose, with the side worded for its exercise's body region ("right leg").</summary>
    public string Describe(PrescriptionItem item, string language) =>
        Describe(item.Dose, language, item.Exercise?.Region);

    /// <summary>In the language of the current turn.</summary>
    public string Describe(ITurnContext turn, PrescriptionItem item) =>
        Describe(item, turn.Activity.Locale ?? catalog.DefaultLanguage);

    public string Describe(ExerciseDose dose, string language, BodyRegion? region)
    {
        ArgumentNullException.ThrowIfNull(dose);
        string T(string key, params (string, object?)[] args) => catalog.Get(language, key, args);

        var clauses = new List<string>();
        var amount = new List<string>();
        if (dose.Reps is { } reps)
        {
            amount.Add(reps == 1 ? T("dose.once") : T("dose.times", ("count", reps)));
            if (dose.Sets > 1)
            {
                amount.Add(T("dose.rounds", ("count", dose.Sets)));
                if (dose.RestSeconds > 0)
                    amount.Add(T("dose.restBetweenRounds", ("duration", Duration(language, dose.RestSeconds))));
            }

            clauses.Add(string.Join(", ", amount));
            if (dose.HoldSeconds is { } eachHold)
                clauses.Add(T("dose.holdEach", ("duration", Duration(language, eachHold))));
        }
        else
        {
            // A hold-only dose: each round is one hold.
            amount.Add(T("dose.holdFor", ("duration", Duration(language, dose.HoldSeconds ?? 0))));
            if (dose.Sets > 1)
            {
                amount.Add(T("dose.times", ("count", dose.Sets)));
                if (dose.RestSeconds > 0)
                    amount.Add(T("dose.restBetweenHolds", ("duration", Duration(language, dose.RestSeconds))));
            }

            clauses.Add(string.Join(", ", amount));
        }

        if (dose.Side != Side.Both)
            clauses.Add(T(SideKey(dose.Side, region)));
        return string.Join("; ", clauses);
    }

    /// <summary>"30 seconds", "1 minute", "2 minutes"; seconds unless it is whole minutes.</summary>
    public string Duration(string language, int seconds)
    {
        string T(string key, params (string, object?)[] args) => catalog.Get(language, key, args);
        if (seconds >= 60 && seconds % 60 == 0)
            return seconds == 60 ? T("dose.minute") : T("dose.minutes", ("count", seconds / 60));
        return seconds == 1 ? T("dose.second") : T("dose.seconds", ("count", seconds));
    }

    /// <summary>"dose.side.leg.right": the side's words for the body region.</summary>
    public static string SideKey(Side side, BodyRegion? region) =>
        $"dose.side.{Limb(region)}.{side.ToString().ToLowerInvariant()}";

    /// <summary>Which word a side takes: a leg for lower-limb and standing balance work, an arm for the upper limb.</summary>
    private static string Limb(BodyRegion? region) => region switch
    {
        BodyRegion.Knee or BodyRegion.Hip or BodyRegion.AnkleFoot or BodyRegion.Balance => "leg",
        BodyRegion.Shoulder or BodyRegion.ElbowWrist => "arm",
        _ => "side",
    };
}
