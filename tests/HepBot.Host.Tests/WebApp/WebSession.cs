using System.Net;
using System.Text.RegularExpressions;
using HepBot.Host.Tests.Support;
using Microsoft.AspNetCore.Mvc.Testing;

namespace HepBot.Host.Tests.WebApp;

/// <summary>A browser-like client of the web app through the real pipeline: cookies kept, redirects visible, over https.</summary>
internal sealed partial class WebSession(HepBotHostFactory host)
{
    public HttpClient Client { get; } = host.CreateClient(new WebApplicationFactoryClientOptions
    {
        BaseAddress = new Uri("https://localhost"), AllowAutoRedirect = false, HandleCookies = true,
    });

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async Task<(HttpStatusCode Status, string Html, HttpResponseMessage Response)> GetAsync(string path)
    {
        var response = await Client.GetAsync(path, Ct);
        return (response.StatusCode, await response.Content.ReadAsStringAsync(Ct), response);
    }

    /// <summary>Posts a form the way the page's own form does: its anti-forgery token (unless left out) and its handler name.</summary>
    public async Task<HttpResponseMessage> PostFormAsync(string pagePath, string formName, IReadOnlyDictionary<string, string> fields,
        string? postPath = null, bool withAntiforgery = true)
    {
        var (_, html, _) = await GetAsync(pagePath);
        var body = new Dictionary<string, string>(fields) { ["_handler"] = formName };
        if (withAntiforgery)
            body["__RequestVerificationToken"] = AntiforgeryToken(html);
        return await Client.PostAsync(postPath ?? pagePath, new FormUrlEncodedContent(body), Ct);
    }

    public Task<HttpResponseMessage> SignInAsync(string email, string password) =>
        PostFormAsync("/app/sign-in", "sign-in", new Dictionary<string, string> { ["Form.Email"] = email, ["Form.Password"] = password });

    public static async Task<WebSession> SignedInAsync(HepBotHostFactory host, WebTherapist therapist)
    {
        var session = new WebSession(host);
        var response = await session.SignInAsync(therapist.Email, therapist.Password);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return session;
    }

    public static string AntiforgeryToken(string html) =>
        TokenPattern().Match(html) is { Success: true } match ? match.Groups[1].Value : throw new InvalidOperationException("The page has no anti-forgery token.");

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex TokenPattern();
}
