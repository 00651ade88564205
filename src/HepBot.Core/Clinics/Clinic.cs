namespace HepBot.Core.Clinics;

public sealed class Clinic
{
    public Guid Id { get; set; } = Guid.NewGuid();
    public required string Name { get; set; }

    /// <summary>IANA zone used for new patients when none is given.</summary>
    public string DefaultTimeZone { get; set; } = "UTC";
    public DateTimeOffset CreatedAt { get; set; }
}
