using HepBot.Data;
using HepBot.Host.Configuration;
using Microsoft.Data.Sqlite;

namespace HepBot.Host.Demo;

/// <summary>
/// Where the demo keeps its API key in plain text, so a restart prints the same key and saved commands
/// keep working. Demo only: the database holds the key's hash like any other key's, and the file is the
/// one copy of the plain key — beside a SQLite database (<c>data/hepbot.db.demo-key</c>), under
/// <c>data/</c> for a server database. Both are git-ignored. A file whose key the database does not
/// accept (revoked, or another database's) is replaced with a new key.
/// </summary>
internal sealed class DemoKeyFile(string path)
{
    public const string Extension = ".demo-key";

    public string Path { get; } = path;

    public static DemoKeyFile For(DatabaseProvider provider, string connectionString, string contentRoot)
    {
        if (provider == DatabaseProvider.Sqlite
            && new SqliteConnectionStringBuilder(connectionString) is { Mode: not SqliteOpenMode.Memory, DataSource: { Length: > 0 } file }
            && file != ":memory:")
            return new DemoKeyFile(System.IO.Path.GetFullPath(file) + Extension);
        return new DemoKeyFile(RepositoryRoot.Resolve($"data/demo-{provider.ToString().ToLowerInvariant()}{Extension}", contentRoot));
    }

    public string? Read()
    {
        try
        {
            return File.Exists(Path) ? File.ReadAllText(Path).Trim() : null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    /// <summary>Readable by this user only where the file system allows it.</summary>
    public void Write(string apiKey)
    {
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(Path)!);
        var options = new FileStreamOptions { Mode = FileMode.Create, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        using var writer = new StreamWriter(Path, options);
        writer.WriteLine(apiKey);
    }
}
