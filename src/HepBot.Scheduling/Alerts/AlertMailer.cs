using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.Extensions.Options;
using MimeKit;

namespace HepBot.Scheduling.Alerts;

/// <summary>Sends one plain-text e-mail over SMTP with the <c>Smtp:*</c> settings (MailKit).</summary>
public sealed class AlertMailer(IOptions<SmtpOptions> options)
{
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    public bool IsEnabled => options.Value.IsEnabled;

    public async Task SendAsync(string toName, string toAddress, string subject, string body, CancellationToken ct)
    {
        var smtp = options.Value;
        var message = new MimeMessage();
        message.From.Add(MailboxAddress.Parse(smtp.From!));
        message.To.Add(new MailboxAddress(toName, toAddress));
        message.Subject = subject;
        message.Body = new TextPart("plain") { Text = body };

        using var client = new SmtpClient { Timeout = (int)Timeout.TotalMilliseconds };
        var security = !smtp.UseTls ? SecureSocketOptions.None
            : smtp.Port == 465 ? SecureSocketOptions.SslOnConnect
            : SecureSocketOptions.StartTls;
        await client.ConnectAsync(smtp.Host!, smtp.Port, security, ct);
        if (!string.IsNullOrEmpty(smtp.UserName))
            await client.AuthenticateAsync(smtp.UserName, smtp.Password ?? "", ct);
        await client.SendAsync(message, ct);
        await client.DisconnectAsync(true, ct);
    }
}
