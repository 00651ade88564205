using System.Globalization;
using System.Security.Claims;
using HepBot.Conversations.DialogLayer;
using Microsoft.Bot.Builder;
using Microsoft.Bot.Schema;

namespace HepBot.Host.Chat;

/// <summary>
/// A terminal channel for trying HepBot without a messaging app: lines typed become message
/// activities on the "console" channel, replies are printed, and buttons are shown as numbered
/// choices (typing the number presses the button: its value, and the question it belongs to, so a
/// number typed for an earlier question is refused as stale; number-only buttons like the 0–10 pain
/// scale are shown as they are).
/// </summary>
public sealed class ConsoleChatAdapter(TextReader input, TextWriter output, string conversationId, string locale)
    : BotAdapter
{
    public const string ChannelId = "console";
    private const string BotId = "hepbot";
    private const string UserId = "console-user";

    private readonly Lock _write = new();
    private IReadOnlyList<CardAction> _buttons = [];

    /// <summary>Sends <paramref name="firstMessage"/> (if any), then one turn per line until the input ends or "/quit".</summary>
    public async Task RunAsync(IBot bot, string? firstMessage, CancellationToken ct)
    {
        if (firstMessage is not null)
            await TurnAsync(bot, firstMessage, ct);
        while (!ct.IsCancellationRequested)
        {
            lock (_write)
                output.Write("> ");
            var line = await input.ReadLineAsync(ct);
            if (line is null || line.Trim() is "/quit" or "/exit")
                return;
            if (line.Trim().Length == 0)
                continue;
            var (text, value) = Press(line.Trim());
            await TurnAsync(bot, text, ct, value);
        }
    }

    public override Task<ResourceResponse[]> SendActivitiesAsync(ITurnContext turnContext, Activity[] activities, CancellationToken cancellationToken)
    {
        var responses = new List<ResourceResponse>();
        lock (_write)
        {
            foreach (var activity in activities.Where(a => a.Type == ActivityTypes.Message))
            {
                if (!string.IsNullOrEmpty(activity.Text))
                    output.WriteLine($"HepBot: {activity.Text.Replace("\n", "\n        ")}");
                foreach (var attachment in activity.Attachments ?? [])
                    output.WriteLine(DataUri.Read(attachment.ContentUrl) is { } inline
                        ? $"        [{attachment.ContentType}: a picture, {inline.Length / 1024} KB]"
                        : $"        [{attachment.ContentType}: {attachment.ContentUrl ?? attachment.Name}]");
                if (activity.SuggestedActions?.Actions is { Count: > 0 } actions)
                {
                    _buttons = actions.ToList();
                    output.WriteLine(actions.All(a => int.TryParse(a.Value?.ToString(), out _))
                        ? "        " + string.Join("  ", actions.Select(a => a.Title))
                        : string.Join("\n", actions.Select((a, i) => $"        {i + 1}) {a.Title}")));
                }
                responses.Add(new ResourceResponse(Guid.NewGuid().ToString("N")));
            }
        }
        return Task.FromResult(responses.ToArray());
    }

    /// <summary>The console cannot change a line it printed: an edited message (a guided set's countdown) is printed again as it is now.</summary>
    public override async Task<ResourceResponse> UpdateActivityAsync(ITurnContext turnContext, Activity activity, CancellationToken cancellationToken) =>
        (await SendActivitiesAsync(turnContext, [activity], cancellationToken)).FirstOrDefault() ?? new ResourceResponse(activity.Id);

    public override Task DeleteActivityAsync(ITurnContext turnContext, ConversationReference reference, CancellationToken cancellationToken) =>
        throw new NotSupportedException("The console cannot delete a line it already printed.");

    /// <summary>Proactive messages (timers) print like any other reply.</summary>
    public override async Task ContinueConversationAsync(ClaimsIdentity claimsIdentity, ConversationReference reference,
        BotCallbackHandler callback, CancellationToken cancellationToken)
    {
        using var context = new TurnContext(this, reference.GetContinuationActivity());
        await RunPipelineAsync(context, callback, cancellationToken);
    }

    private async Task TurnAsync(IBot bot, string text, CancellationToken ct, object? value = null)
    {
        var activity = new Activity
        {
            Type = ActivityTypes.Message,
            Id = Guid.NewGuid().ToString("N"),
            ChannelId = ChannelId,
            ServiceUrl = "urn:hepbot:console",
            Conversation = new ConversationAccount(id: conversationId),
            From = new ChannelAccount(UserId, "You"),
            Recipient = new ChannelAccount(BotId, "HepBot"),
            Text = text,
            Value = value,
            Locale = locale,
            Timestamp = DateTimeOffset.UtcNow,
        };
        using var context = new TurnContext(this, activity);
        await RunPipelineAsync(context, bot.OnTurnAsync, ct);
    }

    /// <summary>"2" after numbered buttons presses the second button; anything else is sent as typed.</summary>
    private (string Text, object? Value) Press(string typed)
    {
        var buttons = _buttons;
        var numbered = buttons.Count > 0 && !buttons.All(a => int.TryParse(a.Value?.ToString(), out _));
        if (!numbered || !int.TryParse(typed, NumberStyles.None, CultureInfo.InvariantCulture, out var n) || n < 1 || n > buttons.Count)
            return (typed, null);
        var button = buttons[n - 1];
        var value = button.Value?.ToString() ?? typed;
        return (value, PromptIdentity.OfButton(button) is { } promptId ? PromptIdentity.Submit(value, promptId) : null);
    }
}
