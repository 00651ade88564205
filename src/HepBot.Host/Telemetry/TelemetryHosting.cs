using System.ComponentModel.DataAnnotations;
using System.Diagnostics;
using HepBot.Data.Telemetry;
using OpenTelemetry.Exporter;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace HepBot.Host.Telemetry;

/// <summary>OpenTelemetry:* — where metrics and traces go. No endpoint: nothing is exported, and the OpenTelemetry SDK is not started.</summary>
public sealed class OpenTelemetryOptions : IValidatableObject
{
    public const string SectionName = "OpenTelemetry";

    /// <summary>The OTLP collector, such as http://localhost:4317 (gRPC) or http://localhost:4318 (HTTP/protobuf).</summary>
    public string? OtlpEndpoint { get; set; }

    /// <summary>How the exporter talks to the collector: Grpc (port 4317 by convention) or HttpProtobuf (4318).</summary>
    public OtlpExportProtocol OtlpProtocol { get; set; } = OtlpExportProtocol.Grpc;

    /// <summary>The service.name resource attribute every metric and span carries.</summary>
    [RegularExpression(@"^[A-Za-z0-9._-]{1,64}$", ErrorMessage = "OpenTelemetry:ServiceName must be 1 to 64 letters, digits, dots, dashes or underscores.")]
    public string ServiceName { get; set; } = "hepbot";

    public bool Exports => Endpoint is not null;

    /// <summary>The endpoint when it is an absolute http or https URL; null otherwise.</summary>
    public Uri? Endpoint => Uri.TryCreate(OtlpEndpoint, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https" ? uri : null;

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (!string.IsNullOrWhiteSpace(OtlpEndpoint) && Endpoint is null)
            yield return new ValidationResult("OpenTelemetry:OtlpEndpoint must be an absolute http or https URL, such as http://localhost:4317.");
        if (!Enum.IsDefined(OtlpProtocol))
            yield return new ValidationResult("OpenTelemetry:OtlpProtocol must be Grpc or HttpProtobuf.");
    }
}

/// <summary>
/// Metrics and traces for operators. HepBot's instruments (<see cref="HepBotMetrics"/>) always record, so a
/// MeterListener (dotnet-counters, a test) can read them; with <c>OpenTelemetry:OtlpEndpoint</c> set, the
/// OpenTelemetry SDK exports them, ASP.NET Core's and HttpClient's metrics and spans, and HepBot's spans, over OTLP.
/// Span attributes that would carry a patient id or the Telegram bot token (request paths, outgoing URLs) are cut down.
/// </summary>
internal static class TelemetryHosting
{
    public static void AddHepBotTelemetry(WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddHepBotMetrics();
        services.AddOptions<OpenTelemetryOptions>().Bind(builder.Configuration.GetSection(OpenTelemetryOptions.SectionName))
            .ValidateDataAnnotations().ValidateOnStart();
        var settings = builder.Configuration.GetSection(OpenTelemetryOptions.SectionName).Get<OpenTelemetryOptions>() ?? new OpenTelemetryOptions();
        if (settings.Endpoint is not { } endpoint)
            return;

        void Otlp(OtlpExporterOptions o)
        {
            o.Endpoint = endpoint;
            o.Protocol = settings.OtlpProtocol;
        }

        var version = typeof(TelemetryHosting).Assembly.GetName().Version?.ToString(3);
        services.AddOpenTelemetry()
            .ConfigureResource(r => r.AddService(settings.ServiceName, serviceVersion: version))
            .WithMetrics(metrics => metrics
                .AddMeter(HepBotMetrics.MeterName)
                .AddAspNetCoreInstrumentation()
                .AddHttpClientInstrumentation()
                .AddOtlpExporter(Otlp))
            .WithTracing(tracing => tracing
                .AddSource(HepBotMetrics.MeterName)
                .AddAspNetCoreInstrumentation(o => o.EnrichWithHttpResponse = (span, _) => KeepRouteOnly(span))
                .AddHttpClientInstrumentation(o => o.EnrichWithHttpRequestMessage = (span, request) => KeepServerOnly(span, request))
                .AddOtlpExporter(Otlp));
    }

    /// <summary>/api/v1/patients/{id} instead of the patient's id; no query string.</summary>
    private static void KeepRouteOnly(Activity span)
    {
        span.SetTag("url.path", span.GetTagItem("http.route") as string ?? "(unmatched)");
        span.SetTag("url.query", null);
    }

    /// <summary>Telegram's URLs hold the bot token (/bot&lt;token&gt;/method), the Bot Connector's a conversation id: only scheme and host are kept.</summary>
    private static void KeepServerOnly(Activity span, HttpRequestMessage request)
    {
        if (request.RequestUri is { IsAbsoluteUri: true } uri)
            span.SetTag("url.full", $"{uri.Scheme}://{uri.Authority}/");
    }
}
