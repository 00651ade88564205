using HepBot.Core.Exercises;

namespace HepBot.Host.ExerciseLibrary;

/// <summary>
/// Where the shared exercise library comes from at start-up. The host depends only on this, so the
/// file format can change (or tests can supply exercises in code) without touching start-up.
/// </summary>
public interface IExerciseLibrarySource
{
    Task<IReadOnlyList<Exercise>> LoadAsync(CancellationToken cancellationToken);
}
