using HepBot.Core.Exercises;
using HepBot.Data.ExerciseLibrary;
using HepBot.Host.Configuration;
using Microsoft.Extensions.Options;

namespace HepBot.Host.ExerciseLibrary;

/// <summary>
/// Reads the clinic-editable library file named by <c>ExerciseLibrary:Path</c>. A missing or broken file
/// stops start-up with every problem listed: prescribing from a half-read library is worse than not starting.
/// </summary>
internal sealed class ExerciseLibraryFileSource(
    IOptions<ExerciseLibraryOptions> options, IHostEnvironment environment, ILogger<ExerciseLibraryFileSource> logger)
    : IExerciseLibrarySource
{
    public Task<IReadOnlyList<Exercise>> LoadAsync(CancellationToken cancellationToken)
    {
        var path = RepositoryRoot.Resolve(options.Value.Path, environment.ContentRootPath);
        if (!File.Exists(path))
            throw new InvalidOperationException(
                $"The exercise library file '{path}' does not exist. Set {ExerciseLibraryOptions.SectionName}:Path to the library file.");
        var exercises = ExerciseLibraryFile.Load(path);
        logger.LogInformation("Read {ExerciseCount} exercises from the library file.", exercises.Count);
        return Task.FromResult(exercises);
    }
}
