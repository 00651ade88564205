using System.Runtime.CompilerServices;
using HepBot.Core.Patients;
using Microsoft.Bot.Builder;

namespace HepBot.Conversations.Bot;

/// <summary>
/// Who is on the other end of this turn, loaded once per turn by <see cref="HepBotBot"/>: the linked
/// patient or therapist, or nobody yet. Dialogs read it from the turn state.
/// </summary>
public sealed record ChatPerson(Guid? AccountId, Patient? Patient, Guid? TherapistId, string? TherapistName, string Locale)
{
    private const string TurnStateKey = "HepBot.ChatPerson";

    public bool IsLinked => Patient is not null || TherapistId is not null;

    /// <summary>The chat is linked to someone else than the sender of this turn: nothing of theirs may be shown or changed.</summary>
    public bool IsOtherSender { get; private init; }

    public static ChatPerson OtherSender(string locale) => new(null, null, null, null, locale) { IsOtherSender = true };

    public Guid PatientId => Patient?.Id ?? throw new InvalidOperationException("This chat is not linked to a patient.");

    /// <summary>The first word of the display name, for a friendly greeting.</summary>
    public string FirstName => Patient?.DisplayName.Split(' ', StringSplitOptions.RemoveEmptyEntries).FirstOrDefault() ?? "";

    // Asked for dozens of times a turn: the turn state's keys compare ignoring case by culture (ICU hashing on every
    // lookup), so the person is also kept against the turn's state object itself, found by reference.
    private static readonly ConditionalWeakTable<TurnContextStateCollection, ChatPerson> ByTurn = [];

    public static ChatPerson Of(ITurnContext turn) =>
        (ByTurn.TryGetValue(turn.TurnState, out var person) ? person : turn.TurnState.Get<ChatPerson>(TurnStateKey))
        ?? throw new InvalidOperationException("The bot sets the chat person before dialogs run.");

    public void Attach(ITurnContext turn)
    {
        turn.TurnState[TurnStateKey] = this;
        ByTurn.AddOrUpdate(turn.TurnState, this);
    }
}
