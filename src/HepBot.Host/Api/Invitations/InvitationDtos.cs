using HepBot.Core.Linking;
using HepBot.Host.Configuration;

namespace HepBot.Host.Api.Invitations;

/// <summary>A code to give the patient; <c>deepLink</c> opens the Telegram bot with it when the bot username is configured.</summary>
public sealed record InvitationDto(string Code, DateTimeOffset ExpiresAt, string? DeepLink)
{
    public static InvitationDto From(Invitation invitation, TelegramOptions telegram) =>
        new(invitation.Code, invitation.ExpiresAt, telegram.DeepLink(invitation.Code));
}
