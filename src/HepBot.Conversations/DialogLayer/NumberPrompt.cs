using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.Bot.Builder;

namespace HepBot.Conversations.DialogLayer;

/// <summary>
/// Asks for a whole number between <see cref="Min"/> and <see cref="Max"/> (inclusive). Accepts
/// "7", " 7 ", "7/10" (only when the denominator is <see cref="Max"/>, as on a 0–10 scale) and a
/// button or card submit carrying the number, in any script's decimal digits ("７", "٧"). The whole answer must be the number: "about 7" is
/// asked again rather than guessed.
/// </summary>
public partial class NumberPrompt : Prompt<int>
{
    public NumberPrompt(string dialogId, int min, int max, bool offerButtons = false, PromptValidator<int>? validator = null)
        : base(dialogId, validator)
    {
        if (min > max)
        {
            throw new ArgumentException($"Number prompt '{dialogId}': min {min} is greater than max {max}.", nameof(min));
        }

        Min = min;
        Max = max;
        OfferButtons = offerButtons;
    }

    public int Min { get; }

    public int Max { get; }

    /// <summary>When set, every number from <see cref="Min"/> to <see cref="Max"/> is offered as a button.</summary>
    public bool OfferButtons { get; }

    protected override IReadOnlyList<Choice> GetButtons(ITurnContext turnContext, PromptOptions options) =>
        OfferButtons
            ? Enumerable.Range(Min, Max - Min + 1).Select(n => new Choice(n.ToString(CultureInfo.InvariantCulture))).ToList()
            : [];

    protected override Task<PromptRecognizerResult<int>> OnRecognizeAsync(
        ITurnContext turnContext, PromptOptions options, CancellationToken cancellationToken)
    {
        var answer = UserAnswer.Read(turnContext.Activity);
        return Task.FromResult(Recognize(answer) is { } number
            ? PromptRecognizerResult<int>.Success(number)
            : PromptRecognizerResult<int>.Failure());
    }

    internal int? Recognize(string? answer)
    {
        if (answer is null)
        {
            return null;
        }

        var match = NumberPattern().Match(DecimalDigits.ToAscii(answer));
        if (!match.Success
            || !int.TryParse(match.Groups["number"].Value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var number))
        {
            return null;
        }

        if (match.Groups["scale"].Success
            && (!int.TryParse(match.Groups["scale"].Value, NumberStyles.None, CultureInfo.InvariantCulture, out var scale) || scale != Max))
        {
            return null;
        }

        return number >= Min && number <= Max ? number : null;
    }

    [GeneratedRegex(@"^\s*(?<number>[-+]?[0-9]{1,9})\s*(?:/\s*(?<scale>[0-9]{1,9}))?\s*$", RegexOptions.CultureInvariant)]
    private static partial Regex NumberPattern();
}
