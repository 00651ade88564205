using System.Text.Json;
using System.Text.Json.Serialization;

namespace HepBot.Host.Api;

/// <summary>
/// How the API reads JSON: a field it does not know is an error (not silently dropped, so a client never
/// believes it set something it did not), numbers are JSON numbers (not strings), and enums are camelCase names whose error lists the allowed ones.
/// </summary>
internal static class StrictJson
{
    public static void Configure(JsonSerializerOptions options)
    {
        options.UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow;
        // A number is a JSON number: "5" for 5 is refused, as the OpenAPI document says.
        options.NumberHandling = JsonNumberHandling.Strict;
        options.Converters.Add(new AllowedValuesEnumConverter());
    }
}

/// <summary>An enum value that is not one of the names; the message lists the names a client may send.</summary>
internal sealed class EnumValueException(string allowed) : JsonException(allowed)
{
    /// <summary>The message without the path System.Text.Json appends.</summary>
    public string Allowed { get; } = allowed;
}

/// <summary>Enums as camelCase names (no numbers); a wrong one fails with <see cref="EnumValueException"/>.</summary>
internal sealed class AllowedValuesEnumConverter : JsonConverterFactory
{
    private static readonly JsonStringEnumConverter Names = new(JsonNamingPolicy.CamelCase, allowIntegerValues: false);

    public override bool CanConvert(Type typeToConvert) => typeToConvert.IsEnum;

    public override JsonConverter CreateConverter(Type typeToConvert, JsonSerializerOptions options) =>
        (JsonConverter)Activator.CreateInstance(typeof(Converter<>).MakeGenericType(typeToConvert), Names.CreateConverter(typeToConvert, options))!;

    public static string AllowedValues(Type enumType) =>
        string.Join(", ", Enum.GetNames(enumType).Select(n => $"\"{JsonNamingPolicy.CamelCase.ConvertName(n)}\""));

    private sealed class Converter<T>(JsonConverter inner) : JsonConverter<T> where T : struct, Enum
    {
        private readonly JsonConverter<T> _names = (JsonConverter<T>)inner;

        public override T Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
        {
            try
            {
                return _names.Read(ref reader, typeToConvert, options);
            }
            catch (JsonException)
            {
                throw new EnumValueException($"Allowed values: {AllowedValues(typeof(T))}.");
            }
        }

        public override void Write(Utf8JsonWriter writer, T value, JsonSerializerOptions options) => _names.Write(writer, value, options);

        public override T ReadAsPropertyName(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            _names.ReadAsPropertyName(ref reader, typeToConvert, options);

        public override void WriteAsPropertyName(Utf8JsonWriter writer, T value, JsonSerializerOptions options) =>
            _names.WriteAsPropertyName(writer, value, options);
    }
}
