using Microsoft.Extensions.Configuration.Json;
using Microsoft.Extensions.FileProviders;

namespace HepBot.Host.Configuration;

/// <summary>
/// Finds the repository (the folder holding HepBot.sln) so that `dotnet run --project src/HepBot.Host`
/// and the build output both read the one root appsettings.json and keep data/ at the top level.
/// </summary>
internal static class RepositoryRoot
{
    public const string SolutionFile = "HepBot.sln";
    public const string SettingsFile = "appsettings.json";

    /// <summary>The repository root above the current directory or the binary; null when run outside a clone.</summary>
    public static string? Find() => FindAbove(Directory.GetCurrentDirectory()) ?? FindAbove(AppContext.BaseDirectory);

    /// <summary>A path under the repository root, else under the content root (a published install).</summary>
    public static string Resolve(string relativePath, string contentRoot) =>
        Path.GetFullPath(Path.Combine(Find() ?? contentRoot, relativePath));

    /// <summary>
    /// Points the default "appsettings.json" source at the root file (or the linked copy beside the
    /// binary) when the content root has none, keeping its place before environment variables and
    /// the command line, which still override it.
    /// </summary>
    public static void UseRootSettings(IConfigurationBuilder configuration, string contentRoot)
    {
        if (File.Exists(Path.Combine(contentRoot, SettingsFile)))
            return;
        var folder = new[] { Find(), AppContext.BaseDirectory }
            .FirstOrDefault(dir => dir is not null && File.Exists(Path.Combine(dir, SettingsFile)));
        if (folder is null)
            return;

        var sources = configuration.Sources;
        for (var i = 0; i < sources.Count; i++)
        {
            if (sources[i] is JsonConfigurationSource { Path: SettingsFile })
            {
                sources[i] = new JsonConfigurationSource
                {
                    FileProvider = new PhysicalFileProvider(folder),
                    Path = SettingsFile,
                    Optional = false,
                    ReloadOnChange = false,
                };
                return;
            }
        }
    }

    private static string? FindAbove(string start)
    {
        for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, SolutionFile)))
                return dir.FullName;
        }
        return null;
    }
}
