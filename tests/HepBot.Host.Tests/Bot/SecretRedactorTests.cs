using HepBot.Host.Logging;

namespace HepBot.Host.Tests.Bot;

public sealed class SecretRedactorTests
{
    private static readonly SecretRedactor Redactor = new(["webhook-secret-value", null, "abc"]);

    [Theory]
    [InlineData("Start processing HTTP request POST https://api.telegram.org/bot123456789:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw/getUpdates",
        "Start processing HTTP request POST https://api.telegram.org/bot[redacted]/getUpdates")]
    [InlineData("Authorization: Bearer eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiIxIn0.c2lnbmF0dXJl", "Authorization: Bearer [redacted]")]
    [InlineData("header basic Zm9vOmJhcg==", "header basic [redacted]")]
    [InlineData("key hb_Qw3rTy-uI0pAsDfGhJkL used", "key [redacted] used")]
    [InlineData("secret_token=webhook-secret-value&url=x", "secret_token=[redacted]&url=x")]
    [InlineData("pain 8, abc and 123:45", "pain 8, abc and 123:45")]
    public void Secrets_are_replaced_and_ordinary_text_is_left_alone(string line, string expected) =>
        Assert.Equal(expected, Redactor.Redact(line));
}
