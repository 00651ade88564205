using Newtonsoft.Json;

namespace HepBot.Conversations.DialogLayer;

/// <summary>
/// The one JSON setting used for dialog state. Dates are left as strings while parsing so a
/// typed property (DateTimeOffset, DateOnly) reads them back exactly; no type names are written.
/// Collections are replaced, not appended to, so a values class that starts with a default list
/// does not double it on every read; nulls are written so a property set to null stays null.
/// </summary>
internal static class DialogStateSerializer
{
    public static readonly JsonSerializerSettings Settings = new()
    {
        DateParseHandling = DateParseHandling.None,
        TypeNameHandling = TypeNameHandling.None,
        ObjectCreationHandling = ObjectCreationHandling.Replace,
        MissingMemberHandling = MissingMemberHandling.Ignore,
    };

    public static readonly JsonSerializer Serializer = JsonSerializer.Create(Settings);

    public static string Serialize(object value) => JsonConvert.SerializeObject(value, Settings);

    public static T? Deserialize<T>(string json) => JsonConvert.DeserializeObject<T>(json, Settings);

    public static T Clone<T>(T value)
        where T : class =>
        Deserialize<T>(Serialize(value)) ?? throw new InvalidOperationException($"Could not copy a {typeof(T).Name}.");
}
