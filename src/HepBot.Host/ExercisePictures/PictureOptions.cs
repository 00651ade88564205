using HepBot.Data.ExerciseLibrary;
using HepBot.Host.Configuration;
using HepBot.Host.ExerciseLibrary;
using HepBot.Pictures;
using Microsoft.Extensions.Options;

namespace HepBot.Host.ExercisePictures;

/// <summary>Pictures:* — the pose file HepBot draws exercises from, where drawings are kept, the clinic's colour.</summary>
public sealed class PictureOptions
{
    public const string SectionName = "Pictures";

    /// <summary>The pose data beside the library file; relative paths are under the repository root.</summary>
    public string PosesPath { get; set; } = "library/poses.yaml";

    /// <summary>Where drawn pictures are kept once rendered (one file per exercise, side and style).</summary>
    public string CacheFolder { get; set; } = "data/pictures";

    /// <summary>The moving limb and the arrow are drawn in this colour (#rrggbb).</summary>
    public string AccentColour { get; set; } = PictureStyle.Default.AccentColour;

    /// <summary>
    /// HepBot's public https address (https://hepbot.example.org). Teams loads card pictures from it; without
    /// it Teams cards go without pictures.
    /// </summary>
    public string? PublicBaseUrl { get; set; }

    /// <summary>
    /// How long a progress picture's link in a Teams message works. After that the message keeps its words and the
    /// picture no longer loads, so an old link cannot show anyone a patient's later weeks.
    /// </summary>
    public int ProgressLinkDays { get; set; } = 7;

    public const int MaxProgressLinkDays = 90;
}

/// <summary>
/// Checks Pictures:* and the pose file at start-up: a bad colour or address, a pose out of a joint's range, an
/// unknown prop, a library exercise without poses or poses for no exercise stop start-up, each named.
/// </summary>
internal sealed class PictureOptionsValidator(IHostEnvironment environment, IOptions<ExerciseLibraryOptions> library)
    : IValidateOptions<PictureOptions>
{
    public ValidateOptionsResult Validate(string? name, PictureOptions options)
    {
        var failures = new List<string>();
        if (!PictureStyle.IsColour(options.AccentColour))
            failures.Add($"Pictures:AccentColour '{options.AccentColour}' is not a colour such as #2e7d6b.");
        if (options.PublicBaseUrl is { Length: > 0 } url
            && (!Uri.TryCreate(url, UriKind.Absolute, out var address) || address.Scheme != Uri.UriSchemeHttps))
            failures.Add($"Pictures:PublicBaseUrl '{url}' must be an absolute https:// address (Teams loads card pictures only over https).");
        if (options.ProgressLinkDays is < 1 or > PictureOptions.MaxProgressLinkDays)
            failures.Add($"Pictures:ProgressLinkDays {options.ProgressLinkDays} must be from 1 to {PictureOptions.MaxProgressLinkDays} (days a progress picture's link in Teams works).");
        if (string.IsNullOrWhiteSpace(options.CacheFolder))
            failures.Add("Pictures:CacheFolder must name the folder drawn pictures are kept in.");
        try
        {
            var poses = PoseFile.Load(PictureHosting.PosesFile(options, environment));
            if (LibrarySlugs() is { } slugs)
                failures.AddRange(poses.Problems(slugs).Select(p => $"Pictures:PosesPath: {p}"));
        }
        catch (PoseFileException problem)
        {
            failures.AddRange(problem.Errors.Select(e => $"Pictures:PosesPath: {e}"));
        }
        catch (FileNotFoundException)
        {
            failures.Add($"Pictures:PosesPath: the pose file '{PictureHosting.PosesFile(options, environment)}' does not exist.");
        }
        return failures.Count > 0 ? ValidateOptionsResult.Fail(failures) : ValidateOptionsResult.Success;
    }

    /// <summary>The library's slugs; null when the library itself cannot be read (its own check names that setting).</summary>
    private IReadOnlyList<string>? LibrarySlugs()
    {
        try
        {
            return [.. ExerciseLibraryFile.Load(RepositoryRoot.Resolve(library.Value.Path, environment.ContentRootPath)).Select(e => e.Slug)];
        }
        catch (Exception)
        {
            return null;
        }
    }
}
