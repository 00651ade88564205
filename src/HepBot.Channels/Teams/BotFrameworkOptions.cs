using System.ComponentModel.DataAnnotations;

namespace HepBot.Channels.Teams;

/// <summary>
/// BotFramework:* — who may talk to <c>/api/messages</c> besides authenticated Teams traffic, and
/// where its replies may go. The bot's credentials are the standard keys (MicrosoftAppId...).
/// </summary>
public sealed class BotFrameworkOptions : IValidatableObject
{
    public const string SectionName = "BotFramework";

    /// <summary>
    /// Accept requests without a Bot Framework token from any address, in any environment, while
    /// MicrosoftAppId is empty (a shared test rig, Agents Playground in a container). Off by default:
    /// then only the Development environment accepts them, and only from loopback. Logged as a warning
    /// at every start.
    /// </summary>
    public bool AllowAnonymous { get; set; }

    /// <summary>
    /// Service URLs replies may go to besides Teams' own (<see cref="ServiceUrlPolicy.TeamsHosts"/>):
    /// absolute https:// addresses; a reply's URL must start with one of them.
    /// </summary>
    public List<string> ServiceUrls { get; set; } = [];

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        foreach (var url in ServiceUrls.Where(u => !(Uri.TryCreate(u, UriKind.Absolute, out var uri) && uri.Scheme == Uri.UriSchemeHttps && uri.UserInfo.Length == 0)))
            yield return new ValidationResult($"BotFramework:ServiceUrls: '{url}' must be an absolute https:// address.");
    }
}
