using System.ComponentModel.DataAnnotations;

namespace HepBot.Conversations.Linking;

/// <summary>How hard a chat may guess invitation codes, and how long a therapist's link code lasts (section <c>Linking</c>).</summary>
public sealed class LinkingOptions
{
    public const string Section = "Linking";

    /// <summary>Wrong codes allowed from one chat within <see cref="FailureWindowMinutes"/> before it must wait.</summary>
    [Range(1, 100, ErrorMessage = "Linking:MaxFailedCodes must be between 1 and 100.")]
    public int MaxFailedCodes { get; set; } = 5;

    [Range(1, 24 * 60, ErrorMessage = "Linking:FailureWindowMinutes must be between 1 and 1440.")]
    public int FailureWindowMinutes { get; set; } = 15;

    /// <summary>
    /// How long a therapist's own link code stays valid. Short, because the therapist creates it in the
    /// app (or an admin verb) and redeems it in the chat at once.
    /// </summary>
    [Range(5, 24 * 60, ErrorMessage = "Linking:TherapistCodeMinutes must be between 5 and 1440.")]
    public int TherapistCodeMinutes { get; set; } = 30;
}
