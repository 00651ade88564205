using System.Text.RegularExpressions;
using HepBot.Channels.Teams;
using HepBot.Conversations.Content;
using HepBot.Core.Linking;
using HepBot.Host.Configuration;
using HepBot.Host.Invitations;
using HepBot.Host.Tests.Support;
using HepBot.Testing;
using Microsoft.Extensions.Options;

namespace HepBot.Host.Tests.Invitations;

/// <summary>Alex Moreno's invitation from Riverside Physio: code ABCD2345, valid until 17 March 2026 19:00 Madrid.</summary>
public sealed partial class InvitationMaterialTests
{
    private static readonly DialogTextCatalog Texts = DialogTextCatalog.Load(RepositoryPaths.Combine("dialogs"));
    private static readonly Invitation Invitation = new()
    {
        Code = "ABCD2345", PatientId = Guid.NewGuid(),
        CreatedAt = new DateTimeOffset(2026, 3, 10, 18, 0, 0, TimeSpan.Zero),
        ExpiresAt = new DateTimeOffset(2026, 3, 17, 18, 0, 0, TimeSpan.Zero),
    };

    private static InvitationMaterial Material(string? botUsername = "RiversideHepBot") =>
        new(Texts, Options.Create(new TelegramOptions { BotUsername = botUsername }), Options.Create(new TeamsOptions { ShortName = "Riverside HEP" }));

    private static InvitedPatient Alex(string locale = "en") => new("Alex Moreno", locale, "Europe/Madrid", "Riverside Physio");

    [Fact]
    public void The_sheet_has_the_code_the_expiry_in_the_patients_zone_the_deep_link_and_the_teams_steps()
    {
        var sheet = Material().Sheet(Invitation, Alex());

        Assert.Equal("ABCD2345", sheet.Code);
        Assert.Equal("https://t.me/RiversideHepBot?start=ABCD2345", sheet.DeepLink);
        Assert.Equal("Valid until 17 March 2026, 19:00. It works once.", sheet.Expires);
        Assert.Equal("Open Teams, go to Apps and find Riverside HEP. Open it and send the code ABCD2345 in the chat.", sheet.TeamsSteps);
        Assert.Equal("Hello Alex,", sheet.Greeting);
        Assert.Equal(3, sheet.Next.Count);
    }

    [Fact]
    public void The_QR_code_PNG_scans_back_to_the_deep_link()
    {
        var sheet = Material().Sheet(Invitation, Alex());

        Assert.Equal(sheet.DeepLink, QrDecoder.Decode(sheet.QrPng!));
        Assert.Contains("<svg", sheet.QrSvg);
    }

    [Fact]
    public void The_handout_is_one_html_page_whose_embedded_QR_scans_to_the_deep_link_with_a_print_stylesheet()
    {
        var material = Material();
        var html = material.Handout(material.Sheet(Invitation, Alex()));

        var dataUri = QrImage().Match(html);
        Assert.True(dataUri.Success, "The handout has no QR image.");
        Assert.Equal("https://t.me/RiversideHepBot?start=ABCD2345", QrDecoder.Decode(Convert.FromBase64String(dataUri.Groups["png"].Value)));
        Assert.Contains("<p class=\"code\" data-code>ABCD2345</p>", html);
        Assert.Contains("Valid until 17 March 2026, 19:00.", html);
        Assert.Contains("<li>HepBot greets you by name and asks whether it may send you reminders.</li>", html);
        Assert.Contains("@media print", html);
        Assert.Contains("@page { size: A4;", html);
        Assert.DoesNotContain("<script", html);
        Assert.Contains($"style-src {InvitationMaterial.HandoutStyleHashSource}", InvitationMaterial.HandoutContentSecurityPolicy);
    }

    [Fact]
    public void In_spanish_the_handout_speaks_spanish_and_dates_read_as_in_spain()
    {
        var material = Material();
        var sheet = material.Sheet(Invitation, Alex("es"));
        var html = material.Handout(sheet);

        Assert.Equal("Válido hasta el 17 marzo 2026, 19:00. Solo sirve una vez.", sheet.Expires);
        Assert.Contains("<html lang=\"es\">", html);
        Assert.Contains("Qué pasará después", html);
        Assert.Contains("Tu código", html);
    }

    [Fact]
    public void Without_a_telegram_bot_username_there_is_no_deep_link_nor_QR_and_the_code_still_works_in_teams()
    {
        var material = Material(botUsername: null);
        var sheet = material.Sheet(Invitation, Alex());
        var html = material.Handout(sheet);

        Assert.Null(sheet.DeepLink);
        Assert.Null(sheet.QrPng);
        Assert.DoesNotContain("<img", html);
        Assert.Contains("send the code ABCD2345 in the chat", html);
    }

    [Fact]
    public void A_name_with_markup_is_shown_as_text()
    {
        var material = Material();
        var html = material.Handout(material.Sheet(Invitation, new InvitedPatient("<b>Eve</b> Smith", "en", "UTC", "Clinic & Co")));

        Assert.Contains("Hello &lt;b&gt;Eve&lt;/b&gt;,", html);
        Assert.Contains("Clinic &amp; Co", html);
        Assert.DoesNotContain("<b>Eve", html);
    }

    [GeneratedRegex("<img class=\"qr\" src=\"data:image/png;base64,(?<png>[A-Za-z0-9+/=]+)\"")]
    private static partial Regex QrImage();
}
