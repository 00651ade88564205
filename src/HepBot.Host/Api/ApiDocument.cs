using System.ComponentModel.DataAnnotations;
using System.Text.Json;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;
using Scalar.AspNetCore;

namespace HepBot.Host.Api;

/// <summary>
/// The OpenAPI document at /openapi/v1.json and the API reference page at /scalar. The document says what the
/// server does: the bearer scheme on every /api/v1 operation (and none on the public pictures), enums as the
/// camelCase names the API reads and writes, a request field required only where the server refuses it missing
/// (<see cref="RequiredAttribute"/> on the request record), and a problem-details body on every error response.
/// </summary>
internal static class ApiDocument
{
    public const string DocumentPath = "/openapi/v1.json";
    public const string ReferencePath = "/scalar";
    public const string BearerScheme = "Bearer";
    private const string ProblemSchema = "ProblemDetails";
    private const string ProblemContentType = "application/problem+json";

    public static IServiceCollection AddApiDocument(this IServiceCollection services) => services.AddOpenApi(options =>
    {
        options.AddDocumentTransformer(DescribeDocument);
        options.AddOperationTransformer(DescribeOperation);
        options.AddSchemaTransformer(DescribeSchema);
    });

    public static void MapApiDocument(this IEndpointRouteBuilder app)
    {
        app.MapOpenApi();
        // The page's script and styles come from the package, under /scalar; nothing is loaded from another site.
        app.MapScalarApiReference(ReferencePath, options =>
        {
            options.Title = "HepBot API reference";
            options.OpenApiRoutePattern = DocumentPath;
            options.DefaultFonts = false;
            options.Telemetry = false;
            options.HideClientButton = true;
            // Its toolbar offers Scalar's hosted services (share, SDKs, deploy); a clinic's API reference does not.
            options.ShowDeveloperTools = DeveloperToolsVisibility.Never;
            options.ProxyUrl = null;
            options.Agent = new ScalarAgentOptions { Disabled = true };
            options.Mcp = new ScalarMcpOptions { Disabled = true };
            options.AddPreferredSecuritySchemes(BearerScheme);
        });
    }

    private static Task DescribeDocument(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        document.Info = new OpenApiInfo
        {
            Title = "HepBot management API",
            Version = "v1",
            Description =
                "Prescribe home-exercise programs, invite and follow patients, read adherence, alerts and messages. " +
                "Every /api/v1 call needs `Authorization: Bearer hb_...`, an API key of one therapist (the demo prints one; " +
                "`api-key create` or POST /api/v1/api-keys make more). A caller sees only their own patients, a clinic admin " +
                "the clinic's. Errors are problem details (RFC 9457); a 400 names each wrong field under `errors`, and a " +
                "field the API does not know is an error. PATCH and PUT take If-Match with the ETag a GET returned.",
        };
        document.Components ??= new OpenApiComponents();
        document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
        document.Components.SecuritySchemes[BearerScheme] = new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.Http,
            Scheme = "bearer",
            BearerFormat = "HepBot API key (hb_...)",
            Description = "A HepBot API key. It acts as the therapist it was made for.",
        };
        return Task.CompletedTask;
    }

    private static async Task DescribeOperation(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        var metadata = context.Description.ActionDescriptor.EndpointMetadata;
        var signedIn = metadata.OfType<IAuthorizeData>().Any() && !metadata.OfType<IAllowAnonymous>().Any();
        operation.Security =
        [
            // An empty requirement is OpenAPI's way to say "no credentials needed".
            signedIn ? new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(BearerScheme, context.Document)] = [] } : new OpenApiSecurityRequirement(),
        ];
        operation.Responses ??= new OpenApiResponses();
        if (signedIn)
            operation.Responses.TryAdd("401", new OpenApiResponse { Description = "No API key, or one that is unknown, revoked or expired." });

        var document = context.Document!;
        if (document.Components?.Schemas?.ContainsKey(ProblemSchema) is not true)
            document.AddComponent(ProblemSchema, await context.GetOrCreateSchemaAsync(typeof(ProblemDetails), null, cancellationToken));
        foreach (var (status, response) in operation.Responses)
        {
            if (!int.TryParse(status, out var code) || code < 400 || response is not OpenApiResponse concrete || concrete.Content is { Count: > 0 })
                continue;
            concrete.Content = new Dictionary<string, OpenApiMediaType>
            {
                [ProblemContentType] = new() { Schema = new OpenApiSchemaReference(ProblemSchema, document) },
            };
        }
    }

    private static Task DescribeSchema(OpenApiSchema schema, OpenApiSchemaTransformerContext context, CancellationToken cancellationToken)
    {
        var type = context.JsonTypeInfo.Type;
        if (context.JsonPropertyInfo is { Name: Exercises.PoseDataSchema.PropertyName } && (type == typeof(JsonElement) || type == typeof(JsonElement?)))
            Exercises.PoseDataSchema.Describe(schema);
        else if (type.IsEnum)
        {
            // AllowedValuesEnumConverter reads and writes camelCase names only; without this the schema would be empty.
            schema.Type = JsonSchemaType.String;
            schema.Enum = Enum.GetNames(type).Select(name => (System.Text.Json.Nodes.JsonNode)JsonNamingPolicy.CamelCase.ConvertName(name)).ToList();
        }
        else if (typeof(ProblemDetails).IsAssignableFrom(type))
        {
            // Problem details may carry extension members (traceId); the strict reading of requests does not apply to them.
            schema.AdditionalPropertiesAllowed = true;
            schema.AdditionalProperties = null;
        }
        else if (IsRequest(type) && schema.Properties is { Count: > 0 })
        {
            // A record's constructor parameters all look required; a request field is required only when the server refuses it missing.
            var required = context.JsonTypeInfo.Properties
                .Where(p => p.AttributeProvider?.IsDefined(typeof(RequiredAttribute), inherit: true) is true)
                .Select(p => p.Name)
                .ToHashSet();
            schema.Required = required.Count > 0 ? required : null;
        }
        return Task.CompletedTask;
    }

    private static bool IsRequest(Type type) =>
        type.Namespace?.StartsWith("HepBot.Host", StringComparison.Ordinal) is true
        && (type.Name.EndsWith("Request", StringComparison.Ordinal) || type.Name.EndsWith("Patch", StringComparison.Ordinal));
}
