using System.Buffers.Binary;
using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using HepBot.Conversations.Sessions;
using HepBot.Host.ExercisePictures;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Options;

namespace HepBot.Host.Progress;

/// <summary>Whose picture a link asks for: the patient, the last day of its four weeks, the language of its words.</summary>
internal sealed record ProgressPictureRequest(Guid PatientId, DateOnly Today, string Language);

/// <summary>
/// Signed, expiring addresses of a patient's progress picture on HepBot's public host, for Teams, which loads a card's
/// picture itself: <c>{Pictures:PublicBaseUrl}/media/progress/{token}.png</c>. The token is the request encrypted and
/// signed with the host's Data Protection key ring (kept in the database, so every host of a cluster reads it), with
/// its expiry inside: nothing in it can be read or changed, and it is refused after <c>Pictures:ProgressLinkDays</c>.
/// The expiry is checked against the host's <see cref="TimeProvider"/> rather than by the time-limited protector,
/// which reads the system clock.
/// </summary>
internal sealed class ProgressPictureLinks(IDataProtectionProvider protection, TimeProvider clock, IOptions<PictureOptions> options)
    : IProgressPictureLinks
{
    public const string Purpose = "HepBot.ProgressPicture.v1";
    public const string PathPrefix = "/media/progress/";

    /// <summary>No token HepBot makes is longer; anything longer is refused unread.</summary>
    public const int MaxTokenLength = 400;

    private const byte FormatVersion = 1;
    private readonly IDataProtector _protector = protection.CreateProtector(Purpose);

    public string? For(Guid patientId, DateOnly today, string language)
    {
        if (options.Value.PublicBaseUrl is not { Length: > 0 } baseUrl)
            return null;
        var expires = clock.GetUtcNow().AddDays(options.Value.ProgressLinkDays);
        return baseUrl.TrimEnd('/') + PathPrefix + Protect(new ProgressPictureRequest(patientId, today, language), expires) + ".png";
    }

    public string Protect(ProgressPictureRequest request, DateTimeOffset expires)
    {
        var language = Encoding.UTF8.GetBytes(request.Language);
        var payload = new byte[1 + 16 + 4 + 8 + language.Length];
        payload[0] = FormatVersion;
        request.PatientId.TryWriteBytes(payload.AsSpan(1, 16));
        BinaryPrimitives.WriteInt32BigEndian(payload.AsSpan(17, 4), request.Today.DayNumber);
        BinaryPrimitives.WriteInt64BigEndian(payload.AsSpan(21, 8), expires.ToUnixTimeSeconds());
        language.CopyTo(payload.AsSpan(29));
        return Base64Url.EncodeToString(_protector.Protect(payload));
    }

    /// <returns>The request a token names, or null when it was not made by HepBot, was changed, or has expired.</returns>
    public ProgressPictureRequest? Read(string token)
    {
        if (token.Length is 0 or > MaxTokenLength || !Base64Url.IsValid(token))
            return null;
        byte[] payload;
        try
        {
            payload = _protector.Unprotect(Base64Url.DecodeFromChars(token));
        }
        catch (CryptographicException)
        {
            return null;
        }
        if (payload.Length < 29 || payload[0] != FormatVersion)
            return null;
        var expires = DateTimeOffset.FromUnixTimeSeconds(BinaryPrimitives.ReadInt64BigEndian(payload.AsSpan(21, 8)));
        if (clock.GetUtcNow() >= expires)
            return null;
        var dayNumber = BinaryPrimitives.ReadInt32BigEndian(payload.AsSpan(17, 4));
        if (dayNumber < DateOnly.MinValue.DayNumber || dayNumber > DateOnly.MaxValue.DayNumber)
            return null;
        return new ProgressPictureRequest(new Guid(payload.AsSpan(1, 16)), DateOnly.FromDayNumber(dayNumber), Encoding.UTF8.GetString(payload.AsSpan(29)));
    }
}
