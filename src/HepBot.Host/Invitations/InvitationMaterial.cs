using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Unicode;
using System.Security.Cryptography;
using System.Text;
using HepBot.Channels.Teams;
using HepBot.Conversations.Content;
using HepBot.Core.Linking;
using HepBot.Core.Time;
using HepBot.Host.Configuration;
using Microsoft.Extensions.Options;
using QRCoder;

namespace HepBot.Host.Invitations;

/// <summary>Who the invitation is for, as the handout names them.</summary>
public sealed record InvitedPatient(string DisplayName, string Locale, string TimeZoneId, string ClinicName);

/// <summary>
/// Everything a therapist hands a new patient for one invitation, in the patient's language: the code, its
/// expiry (in the patient's zone), the Telegram deep link and its QR code when <c>Telegram:BotUsername</c>
/// is set, the Teams steps, and what happens next.
/// </summary>
public sealed record InvitationSheet(
    string Language,
    string Code,
    DateTimeOffset ExpiresAt,
    string ExpiryText,
    string? DeepLink,
    byte[]? QrPng,
    string? QrSvg,
    string Title,
    string Greeting,
    string Intro,
    string CodeLabel,
    string Expires,
    string QrAlt,
    string TelegramHeading,
    string? TelegramSteps,
    string TeamsHeading,
    string TeamsSteps,
    string NextHeading,
    IReadOnlyList<string> Next,
    string Footer)
{
    public string? QrPngDataUri => QrPng is null ? null : "data:image/png;base64," + Convert.ToBase64String(QrPng);
}

/// <summary>Builds invitation sheets and the printable one-page handout; the web app's Invite page and the handout share it.</summary>
public sealed class InvitationMaterial(DialogTextCatalog texts, IOptions<TelegramOptions> telegram, IOptions<TeamsOptions> teams)
{
    /// <summary>Pixels per QR module in the PNG: large enough to print sharply at 4 cm and to scan from a screen.</summary>
    public const int QrPixelsPerModule = 10;

    public InvitationSheet Sheet(Invitation invitation, InvitedPatient patient)
    {
        var language = texts.ResolveLanguage(patient.Locale);
        string T(string key, params (string, object?)[] args) => texts.Get(language, "invitation." + key, args);

        var culture = CultureInfo.GetCultureInfo(language);
        var local = PatientClock.LocalNow(invitation.ExpiresAt, patient.TimeZoneId);
        var expiry = local.ToString("d MMMM yyyy, HH:mm", culture);
        var deepLink = telegram.Value.DeepLink(invitation.Code);
        var firstName = patient.DisplayName.Split(' ', StringSplitOptions.RemoveEmptyEntries).FirstOrDefault() ?? patient.DisplayName;

        byte[]? png = null;
        string? svg = null;
        if (deepLink is not null)
        {
            using var data = new QRCodeGenerator().CreateQrCode(deepLink, QRCodeGenerator.ECCLevel.M);
            png = new PngByteQRCode(data).GetGraphic(QrPixelsPerModule);
            svg = new SvgQRCode(data).GetGraphic(QrPixelsPerModule);
        }

        return new InvitationSheet(
            language, invitation.Code, invitation.ExpiresAt, expiry, deepLink, png, svg,
            T("title", ("clinic", patient.ClinicName)),
            T("greeting", ("firstName", firstName)),
            T("intro", ("clinic", patient.ClinicName)),
            T("codeLabel"),
            T("expires", ("expiry", expiry)),
            T("qrAlt"),
            T("telegramHeading"),
            deepLink is null ? null : T("telegramSteps", ("link", deepLink)),
            T("teamsHeading"),
            T("teamsSteps", ("app", teams.Value.ShortName), ("code", invitation.Code)),
            T("nextHeading"),
            [T("next1"), T("next2"), T("next3")],
            T("footer", ("clinic", patient.ClinicName)));
    }

    /// <summary>The handout's stylesheet: one A4 page on paper, a centred sheet on screen.</summary>
    public const string HandoutStyle = """
        body { font-family: system-ui, "Segoe UI", Roboto, Arial, sans-serif; color: #1d2b28; margin: 0; background: #eef3f1; }
        .sheet { max-width: 180mm; margin: 12mm auto; padding: 14mm; background: #fff; box-sizing: border-box; }
        h1 { font-size: 22pt; margin: 0 0 6mm; color: #2e7d6b; }
        h2 { font-size: 14pt; margin: 7mm 0 2mm; }
        .code { font: 700 30pt ui-monospace, "DejaVu Sans Mono", monospace; letter-spacing: 3mm; border: 0.6mm solid #2e7d6b;
                border-radius: 3mm; padding: 3mm 6mm; display: inline-block; margin: 2mm 0; }
        .label { font-size: 10pt; text-transform: uppercase; letter-spacing: 0.5mm; color: #4a5c58; margin: 4mm 0 0; }
        .qr { width: 45mm; height: 45mm; image-rendering: pixelated; display: block; margin: 2mm 0; }
        .link { font-family: ui-monospace, monospace; word-break: break-all; }
        ol { padding-left: 6mm; margin: 0; } li { margin: 1.5mm 0; }
        footer { margin-top: 8mm; font-size: 10pt; color: #4a5c58; }
        @page { size: A4; margin: 12mm; }
        @media print {
          body { background: #fff; }
          .sheet { margin: 0; padding: 0; max-width: none; }
          h1, .code { color: #000; border-color: #000; }
        }
        """;

    /// <summary>The CSP source that allows exactly the handout's stylesheet (the handout has no script at all).</summary>
    public static string HandoutStyleHashSource { get; } =
        "'sha256-" + Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes(HandoutStyle))) + "'";

    /// <summary>The Content-Security-Policy to serve the handout with: its own style, its data: QR image, nothing else.</summary>
    public static string HandoutContentSecurityPolicy { get; } =
        $"default-src 'none'; style-src {HandoutStyleHashSource}; img-src data:; base-uri 'none'; form-action 'none'; frame-ancestors 'self'";

    // Every script stays readable in the source (é, ñ), while markup characters are still encoded.
    private static readonly HtmlEncoder Encoder = HtmlEncoder.Create(UnicodeRanges.All);

    /// <summary>The printable one-page handout as a complete HTML document (every value HTML-encoded).</summary>
    /// <param name="stylesheetHref">
    /// Where the web app serves <see cref="HandoutStyle"/> (its CSP allows no inline style); null puts the
    /// style inline, for a handout saved as a file.
    /// </param>
    public string Handout(InvitationSheet sheet, string? stylesheetHref = null)
    {
        static string E(string? text) => Encoder.Encode(text ?? "");
        var html = new StringBuilder();
        html.Append(CultureInfo.InvariantCulture, $"<!DOCTYPE html>\n<html lang=\"{E(sheet.Language)}\">\n<head>\n<meta charset=\"utf-8\">\n");
        html.Append(CultureInfo.InvariantCulture, $"<title>{E(sheet.Title)}</title>\n");
        html.Append(stylesheetHref is null ? $"<style>{HandoutStyle}</style>\n" : $"<link rel=\"stylesheet\" href=\"{E(stylesheetHref)}\">\n");
        html.Append("</head>\n<body>\n<main class=\"sheet\">\n");
        html.Append(CultureInfo.InvariantCulture, $"<h1>{E(sheet.Title)}</h1>\n<p>{E(sheet.Greeting)}</p>\n<p>{E(sheet.Intro)}</p>\n");
        html.Append(CultureInfo.InvariantCulture, $"<p class=\"label\">{E(sheet.CodeLabel)}</p>\n<p class=\"code\" data-code>{E(sheet.Code)}</p>\n");
        html.Append(CultureInfo.InvariantCulture, $"<p data-expiry>{E(sheet.Expires)}</p>\n");
        if (sheet.DeepLink is not null)
        {
            html.Append(CultureInfo.InvariantCulture, $"<h2>{E(sheet.TelegramHeading)}</h2>\n");
            html.Append(CultureInfo.InvariantCulture, $"<img class=\"qr\" src=\"{sheet.QrPngDataUri}\" alt=\"{E(sheet.QrAlt)}\" data-qr>\n");
            html.Append(CultureInfo.InvariantCulture, $"<p>{E(sheet.TelegramSteps)}</p>\n");
        }
        html.Append(CultureInfo.InvariantCulture, $"<h2>{E(sheet.TeamsHeading)}</h2>\n<p>{E(sheet.TeamsSteps)}</p>\n");
        html.Append(CultureInfo.InvariantCulture, $"<h2>{E(sheet.NextHeading)}</h2>\n<ol>\n");
        foreach (var line in sheet.Next)
            html.Append(CultureInfo.InvariantCulture, $"<li>{E(line)}</li>\n");
        html.Append(CultureInfo.InvariantCulture, $"</ol>\n<footer>{E(sheet.Footer)}</footer>\n</main>\n</body>\n</html>\n");
        return html.ToString();
    }
}
