using HepBot.Conversations.Bot;
using HepBot.Conversations.Safety;
using HepBot.Core.Alerts;
using HepBot.Core.Safety;
using Microsoft.Bot.Builder;

namespace HepBot.Conversations.Linking;

/// <summary>
/// A warning sign typed in a chat that is not linked yet (a patient opening a new chat, or typing at the code
/// question): the tier's advice at once, in words that do not claim the therapist was told, and the sign kept
/// in conversation state until a code links the chat to a patient, whose therapist then gets the alert with
/// the patient's words.
/// </summary>
public sealed class WarningSignsBeforeLinking(Phrases phrases, SafetyResponder safety, ConversationState conversationState)
{
    private readonly IStatePropertyAccessor<KeptSign> _kept = conversationState.CreateProperty<KeptSign>("HepBot.WarningSignBeforeLinking");

    /// <summary>The most urgent warning sign typed before linking: what the alert will say.</summary>
    public sealed class KeptSign
    {
        public UrgencyTier Tier { get; set; }
        public List<SymptomFinding> Findings { get; set; } = [];
        public int? PainScore { get; set; }
        public string Words { get; set; } = "";
    }

    /// <returns>True when the text carried a warning sign and was answered.</returns>
    public async Task<bool> ListenAsync(ITurnContext turn, CancellationToken ct)
    {
        var read = safety.Recognize(turn);
        if (read.Findings.Count == 0)
            return false;
        var tier = safety.TierOf(read);
        var key = "safety.beforeLinking." + char.ToLowerInvariant(tier.ToString()[0]) + tier.ToString()[1..];
        // No clinic is known yet, so the emergency number is the dialogs' words for it.
        if (tier == UrgencyTier.TherapistReview)
            await phrases.SayAsync(turn, key, ct);
        else
            await phrases.SayAsync(turn, key, ct, ("emergencyNumber", phrases.Get(turn, "safety.emergencyNumber")));

        var kept = await _kept.GetAsync(turn, cancellationToken: ct);
        if (kept is null || tier >= kept.Tier)
        {
            var words = turn.Activity.Text ?? "";
            await _kept.SetAsync(turn, new KeptSign
            {
                Tier = tier,
                Findings = read.Findings.Select(f => f.Finding).Distinct().ToList(),
                PainScore = read.Pain?.Score,
                Words = words.Length > Alert.MaxPatientWords ? words[..Alert.MaxPatientWords] : words,
            }, ct);
        }
        return true;
    }

    /// <summary>The chat was just linked to this patient: a sign kept from before reaches their therapist, and the patient is told.</summary>
    public async Task PassOnAsync(ITurnContext turn, Guid patientId, CancellationToken ct)
    {
        var kept = await _kept.GetAsync(turn, cancellationToken: ct);
        if (kept is null)
            return;
        await _kept.DeleteAsync(turn, ct);
        await safety.RecordAsync(patientId, new AlertReason(kept.Tier, kept.Findings, kept.PainScore, kept.Words), ct);
        await phrases.SayAsync(turn, "linking.toldTherapistEarlier", ct);
    }

    /// <summary>The chat was linked by a therapist's own code: what was kept was not about one of their patients.</summary>
    public Task ForgetAsync(ITurnContext turn, CancellationToken ct) => _kept.DeleteAsync(turn, ct);
}
