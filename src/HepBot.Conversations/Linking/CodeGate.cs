using HepBot.Conversations.Bot;
using Microsoft.Bot.Builder;

namespace HepBot.Conversations.Linking;

/// <summary>
/// What every code sent to the bot passes, whether it links a new chat or arrives in one already linked: a chat
/// that keeps guessing must wait, and a code that cannot be used gets its own answer (and counts as a wrong try).
/// </summary>
public sealed class CodeGate
{
    private readonly Phrases _phrases;
    private readonly IStatePropertyAccessor<CodeAttempts> _attempts;
    private readonly LinkingOptions _options;
    private readonly TimeProvider _clock;

    public CodeGate(Phrases phrases, ConversationState conversationState, LinkingOptions options, TimeProvider clock)
    {
        _phrases = phrases;
        _attempts = conversationState.CreateProperty<CodeAttempts>("HepBot.CodeAttempts");
        _options = options;
        _clock = clock;
    }

    /// <summary>True, after saying how long to wait, when this chat has had too many wrong codes lately.</summary>
    public async Task<bool> MustWaitAsync(ITurnContext turn, CancellationToken ct)
    {
        var attempts = await _attempts.GetAsync(turn, () => new CodeAttempts(), ct);
        if (attempts.WaitBeforeNextTry(_clock.GetUtcNow(), _options) is not { } wait)
            return false;
        await _phrases.SayAsync(turn, "linking.tooManyTries", ct, ("minutes", Math.Max(1, (int)Math.Ceiling(wait.TotalMinutes))));
        return true;
    }

    /// <summary>A code that worked: the wrong tries before it are forgotten.</summary>
    public async Task AcceptedAsync(ITurnContext turn, CancellationToken ct) =>
        (await _attempts.GetAsync(turn, () => new CodeAttempts(), ct)).Failures.Clear();

    /// <summary>Records a code that cannot be used and says why, in a therapist's words for a therapist's link code.</summary>
    public async Task RefuseAsync(ITurnContext turn, RedeemResult result, CancellationToken ct)
    {
        (await _attempts.GetAsync(turn, () => new CodeAttempts(), ct)).RecordFailure(_clock.GetUtcNow());
        if (result is { Outcome: RedeemOutcome.Expired, ForTherapist: true })
        {
            await _phrases.SayAsync(turn, "linking.therapistCodeExpired", ct, ("minutes", _options.TherapistCodeMinutes));
            return;
        }
        await _phrases.SayAsync(turn, result.Outcome switch
        {
            RedeemOutcome.AlreadyUsed when result.ForTherapist => "linking.therapistCodeUsed",
            RedeemOutcome.Revoked when result.ForTherapist => "linking.therapistCodeRevoked",
            RedeemOutcome.Expired => "linking.expiredCode",
            RedeemOutcome.AlreadyUsed => "linking.usedCode",
            RedeemOutcome.Revoked => "linking.revokedCode",
            _ => "linking.unknownCode",
        }, ct);
    }
}
