using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Configuration;

namespace HepBot.Channels.Teams;

/// <summary>
/// The Azure Bot registration's standard keys, at the root of the configuration as the Bot Framework
/// reads them. Checked at start-up once Teams is on (<c>MicrosoftAppId</c> set): Azure creates new bots as
/// <c>SingleTenant</c> (or with a user-assigned managed identity), and both need the tenant's id.
/// </summary>
public sealed class BotRegistrationOptions : IValidatableObject
{
    public static readonly IReadOnlyList<string> AppTypes = ["SingleTenant", "MultiTenant", "UserAssignedMSI"];

    public string MicrosoftAppType { get; set; } = "SingleTenant";
    public string? MicrosoftAppId { get; set; }
    public string? MicrosoftAppTenantId { get; set; }

    /// <summary>
    /// The settings as the Bot Framework should read them. Without an app id there is no registration
    /// to be single-tenant: the Bot Framework refuses <c>SingleTenant</c> without an app id, so local
    /// unauthenticated traffic (Emulator, Agents Playground) is given the type that allows none.
    /// </summary>
    public static IConfiguration ForBotFramework(IConfiguration configuration) =>
        string.IsNullOrWhiteSpace(configuration[nameof(MicrosoftAppId)])
            ? new ConfigurationBuilder().AddConfiguration(configuration)
                .AddInMemoryCollection(new Dictionary<string, string?> { [nameof(MicrosoftAppType)] = "MultiTenant" }).Build()
            : configuration;

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (string.IsNullOrWhiteSpace(MicrosoftAppId))
            yield break;
        if (!AppTypes.Contains(MicrosoftAppType, StringComparer.OrdinalIgnoreCase))
            yield return new ValidationResult(
                $"MicrosoftAppType '{MicrosoftAppType}' is not one the Bot Framework knows; use {string.Join(", ", AppTypes)} (as the Azure Bot resource says).",
                [nameof(MicrosoftAppType)]);
        else if (!MicrosoftAppType.Equals("MultiTenant", StringComparison.OrdinalIgnoreCase) && string.IsNullOrWhiteSpace(MicrosoftAppTenantId))
            yield return new ValidationResult(
                $"MicrosoftAppTenantId is required with MicrosoftAppType {MicrosoftAppType}: set it to the Directory (tenant) ID shown on the Azure Bot's app registration.",
                [nameof(MicrosoftAppTenantId)]);
    }
}
