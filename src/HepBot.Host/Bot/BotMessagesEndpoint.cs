using System.Net;
using HepBot.Channels;
using HepBot.Channels.Teams;
using Microsoft.Bot.Builder;
using Microsoft.Bot.Builder.Integration.AspNet.Core;
using Microsoft.Bot.Schema;
using Newtonsoft.Json;

namespace HepBot.Host.Bot;

/// <summary>
/// <c>POST /api/messages</c>, the Bot Framework endpoint of Teams, the Emulator and Agents Playground.
/// Before the CloudAdapter sees a request: without bot credentials only local traffic is accepted
/// (Development and loopback, or <c>BotFramework:AllowAnonymous</c>); the body is bounded; only the
/// channels served here are accepted; and the serviceUrl the replies will go to must be allowed.
/// A token that cannot be validated is a 401 (<see cref="TokenFailuresAreUnauthorized"/>).
/// </summary>
internal static class BotMessagesEndpoint
{
    /// <summary>Activities are small (Teams caps a message at about 28 KB); this leaves room for cards and entities.</summary>
    public const int MaxActivityBytes = 256 * 1024;

    /// <summary>Without MicrosoftAppId, whether any unauthenticated traffic is accepted (and replies may go to loopback).</summary>
    public static bool AcceptsLocalTraffic(IConfiguration configuration, IHostEnvironment environment) =>
        string.IsNullOrWhiteSpace(configuration["MicrosoftAppId"])
        && (environment.IsDevelopment() || AllowsAnonymous(configuration));

    public static void MapBotMessages(this WebApplication app)
    {
        var anonymous = string.IsNullOrWhiteSpace(app.Configuration["MicrosoftAppId"]);
        var fromAnywhere = anonymous && AllowsAnonymous(app.Configuration);
        var fromLoopback = anonymous && app.Environment.IsDevelopment();
        var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("HepBot.Bot");
        if (fromAnywhere)
            logger.LogWarning("BotFramework:AllowAnonymous is on and MicrosoftAppId is not set: /api/messages accepts unauthenticated requests from ANY address. Anyone who can reach it can talk to the bot as any chat it names. Use this only on a closed test network.");
        else if (fromLoopback)
            logger.LogInformation("MicrosoftAppId is not set: /api/messages accepts unauthenticated requests from this machine only (Development; Bot Framework Emulator, Agents Playground).");
        else if (anonymous)
            logger.LogWarning("MicrosoftAppId is not set: /api/messages refuses every request. Set the Bot Framework keys to serve Teams.");
        if (string.IsNullOrWhiteSpace(app.Configuration["Pictures:PublicBaseUrl"]))
            logger.LogInformation("{Teams}", ExercisePictures.PictureHosting.TeamsNeeds);

        app.MapPost("/api/messages", async (HttpContext http, CloudAdapter adapter, IBot bot, ServiceUrlPolicy serviceUrls, ILoggerFactory loggers) =>
        {
            var log = loggers.CreateLogger("HepBot.Bot");
            if (anonymous && !fromAnywhere && !(fromLoopback && IsLoopback(http.Connection.RemoteIpAddress)))
                return Results.Unauthorized();

            if (await BoundedBody.ReadAsync(http, MaxActivityBytes) is not { } body)
                return Results.Problem(statusCode: StatusCodes.Status413PayloadTooLarge, title: $"An activity may be at most {MaxActivityBytes} bytes.");
            Activity? activity;
            try
            {
                using var reader = new JsonTextReader(new StreamReader(new MemoryStream(body)));
                activity = HttpHelper.BotMessageSerializer.Deserialize<Activity>(reader);
            }
            catch (JsonException e)
            {
                log.LogWarning("A request to /api/messages was not an activity: {Problem}", e.GetType().Name);
                return Results.Problem(statusCode: StatusCodes.Status400BadRequest, title: "The body is not a Bot Framework activity.");
            }
            if (activity is null || string.IsNullOrEmpty(activity.Type))
                return Results.Problem(statusCode: StatusCodes.Status400BadRequest, title: "The body is not a Bot Framework activity.");
            if (!BotFrameworkProactiveChannel.Served.Contains(activity.ChannelId))
            {
                log.LogWarning("An activity for channel {Channel} was refused: /api/messages serves {Served}", Shorten(activity.ChannelId), string.Join(", ", BotFrameworkProactiveChannel.Served));
                return Results.Problem(statusCode: StatusCodes.Status400BadRequest, title: $"/api/messages serves the channels {string.Join(", ", BotFrameworkProactiveChannel.Served)}.");
            }
            if (string.IsNullOrWhiteSpace(activity.ServiceUrl))
                return Results.Problem(statusCode: StatusCodes.Status400BadRequest, title: "The activity has no serviceUrl.");
            if (!serviceUrls.Allows(activity.ServiceUrl))
            {
                log.LogWarning("An activity was refused: its serviceUrl (host {Host}) is not an allowed Bot Connector address", Uri.TryCreate(activity.ServiceUrl, UriKind.Absolute, out var uri) ? uri.Host : "not a URL");
                return Results.Problem(statusCode: StatusCodes.Status400BadRequest, title: "The activity's serviceUrl is not an allowed Bot Connector address.");
            }

            http.Request.Body = new MemoryStream(body);
            await adapter.ProcessAsync(http.Request, http.Response, bot, http.RequestAborted);
            return Results.Empty;
        }).ExcludeFromDescription();
    }

    private static bool AllowsAnonymous(IConfiguration configuration) =>
        configuration.GetSection(BotFrameworkOptions.SectionName).GetValue<bool>(nameof(BotFrameworkOptions.AllowAnonymous));

    private static bool IsLoopback(IPAddress? address) => address is not null && IPAddress.IsLoopback(address);

    private static string Shorten(string? value) => value is null ? "(none)" : value.Length <= 32 ? value : value[..32] + "…";
}
