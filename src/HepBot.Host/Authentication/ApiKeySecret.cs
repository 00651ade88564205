using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using HepBot.Core.Clinics;
using HepBot.Data;

namespace HepBot.Host.Authentication;

/// <summary>
/// Management API keys: "hb_" and 32 random bytes (256 bits) in base64url. The first characters are a
/// non-secret prefix that finds the row; only a hash of the whole key is stored.
/// </summary>
internal static class ApiKeySecret
{
    public const string Marker = "hb_";
    public const int PrefixLength = 12;
    private const int SecretBytes = 32;

    /// <summary>Adds a new key for the therapist to the context (saved by the caller) and returns the plain key, shown once.</summary>
    public static string Mint(HepBotDbContext db, Guid therapistId, DateTimeOffset now, DateTimeOffset? expiresAt = null)
    {
        var key = Marker + Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(SecretBytes));
        db.ApiKeys.Add(new ApiKey { TherapistId = therapistId, Prefix = PrefixOf(key), Hash = Hash(key), CreatedAt = now, ExpiresAt = expiresAt });
        return key;
    }

    public static bool LooksLikeKey(string key) => key.StartsWith(Marker, StringComparison.Ordinal) && key.Length > PrefixLength;

    public static string PrefixOf(string key) => key[..PrefixLength];

    // A plain SHA-256 is the right hash here: the key is 256 random bits, so there is nothing to guess
    // that salting or a slow password hash (PBKDF2, bcrypt) would protect; those exist for low-entropy
    // human passwords. A fast hash keeps every API request cheap.
    public static string Hash(string key) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)));

    public static bool Matches(string key, string storedHash) =>
        CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(Hash(key)), Encoding.ASCII.GetBytes(storedHash));
}
