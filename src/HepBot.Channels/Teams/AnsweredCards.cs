using Newtonsoft.Json.Linq;

namespace HepBot.Channels.Teams;

/// <summary>
/// The question cards this host sent lately, by conversation and activity id, so that a tap can be written into its card
/// (<see cref="ChoiceCard.Answered"/>). Teams does not send the card back with the tap. Kept in memory and bounded: after a restart,
/// or on another host, an older card simply keeps its buttons, and a second tap on it is refused by the prompt's id.
/// </summary>
public sealed class AnsweredCards
{
    public const int Remembered = 4096;

    private readonly Dictionary<(string Conversation, string Activity), JObject> _cards = [];
    private readonly Queue<(string Conversation, string Activity)> _order = new();
    private readonly Lock _lock = new();

    public void Remember(string conversationId, string activityId, JObject card)
    {
        var key = (conversationId, activityId);
        lock (_lock)
        {
            if (!_cards.TryAdd(key, card))
                return;
            _order.Enqueue(key);
            if (_order.Count > Remembered)
                _cards.Remove(_order.Dequeue());
        }
    }

    /// <summary>The card, once: a card is answered at most one time.</summary>
    public JObject? Take(string conversationId, string activityId)
    {
        lock (_lock)
            return _cards.Remove((conversationId, activityId), out var card) ? card : null;
    }
}
