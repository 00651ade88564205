using System.Text.RegularExpressions;
using HepBot.Conversations.Bot;
using HepBot.Conversations.DialogLayer;
using HepBot.Conversations.Patients;
using Microsoft.Bot.Builder;
using Microsoft.Bot.Schema;

namespace HepBot.Conversations.Messages;

/// <summary>
/// Not understood is not a dead end: a typed question or remark HepBot cannot answer ("my knee is a bit
/// swollen tonight, is that normal?") gets one short reply with a button that sends it to the therapist as
/// it is, through the patient's message thread, and the question being asked is asked again. Warning signs
/// and pain never get here: the symptom recogniser hears every message first.
/// </summary>
public sealed partial class PassOnRemarks(Phrases phrases, TherapistMessages messages) : INotUnderstoodHandler
{
    /// <summary>The button's value: "send what I just wrote to my therapist".</summary>
    public const string SendCommand = "/passon";

    /// <summary>A question (a question mark) or a remark (three words or more), not a stray word, number or tap.</summary>
    public static bool LooksLikeRemark(string? text)
    {
        if (string.IsNullOrWhiteSpace(text) || text.TrimStart().StartsWith('/'))
            return false;
        var words = Word().Count(text);
        return words >= 3 || (words >= 1 && (text.Contains('?') || text.Contains('¿')));
    }

    public async Task<bool> OnNotUnderstoodAsync(ITurnContext turn, PromptState state, CancellationToken ct)
    {
        var text = turn.Activity.Text;
        if (ChatPerson.Of(turn).Patient is null || !LooksLikeRemark(text) || PatientMessageThread.Acceptable(text) is not { } remark)
            return false;
        state.NotUnderstoodText = remark;
        await turn.SendActivityAsync(Offer(turn, "passOn.offer"), ct);
        return true;
    }

    /// <summary>The offer to send it on, with the warning-sign check one tap away in case a sign was typed in words the recogniser does not know.</summary>
    public IMessageActivity Offer(ITurnContext turn, string key)
    {
        var offer = MessageFactory.Text(phrases.Get(turn, key));
        offer.SuggestedActions = new SuggestedActions
        {
            Actions =
            [
                new CardAction(ActionTypes.ImBack, phrases.Get(turn, "passOn.send"), value: SendCommand),
                new CardAction(ActionTypes.ImBack, phrases.Get(turn, "menu.items.unwell"), value: CommandRecognizer.UnwellCommand),
            ],
        };
        return offer;
    }

    /// <summary>Sends the remark the open question kept; false when there was none (an old button).</summary>
    public async Task<bool> SendKeptAsync(ITurnContext turn, PromptState? state, CancellationToken ct)
    {
        if (state?.NotUnderstoodText is not { } remark)
            return false;
        await SendAsync(turn, remark, ct);
        state.NotUnderstoodText = null;
        return true;
    }

    public async Task SendAsync(ITurnContext turn, string remark, CancellationToken ct)
    {
        await messages.SendAsync(ChatPerson.Of(turn).PatientId, remark, ct);
        await phrases.SayAsync(turn, "passOn.sent", ct);
    }

    [GeneratedRegex(@"\p{L}+", RegexOptions.CultureInvariant)]
    private static partial Regex Word();
}
