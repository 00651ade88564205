using HepBot.Core.Exercises;
using HepBot.Host.ExerciseLibrary;

namespace HepBot.Host.Tests.Support;

/// <summary>
/// A small library built in code, standing in for the library file in tests: the knee exercises the
/// demo program names, and a hip one to filter by region.
/// </summary>
internal sealed class TestExerciseLibrary : IExerciseLibrarySource
{
    public static readonly string[] KneeSlugs = ["quad-set", "straight-leg-raise", "heel-slide", "short-arc-quad", "bridge", "sit-to-stand"];

    public Task<IReadOnlyList<Exercise>> LoadAsync(CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<Exercise>>(
        [
            Knee("quad-set", "Quad set", "Serie de cuádriceps", new ExerciseDose(3, 10, 5, 30, Side.Each)),
            Knee("straight-leg-raise", "Straight leg raise", "Elevación de pierna recta", new ExerciseDose(3, 10, null, 30, Side.Each)),
            Knee("heel-slide", "Heel slide", "Deslizamiento de talón", new ExerciseDose(2, 10, null, 30, Side.Each)),
            Knee("short-arc-quad", "Short arc quad", "Arco corto de cuádriceps", new ExerciseDose(3, 10, 3, 30, Side.Each)),
            Knee("bridge", "Bridge", "Puente", new ExerciseDose(3, 10, 3, 45, Side.Both)),
            Knee("sit-to-stand", "Sit to stand", "Sentarse y levantarse", new ExerciseDose(3, 8, null, 60, Side.Both)),
            Exercise("clamshell", BodyRegion.Hip, "Clamshell", "Almeja", new ExerciseDose(3, 12, null, 30, Side.Each)),
        ]);

    private static Exercise Knee(string slug, string name, string spanishName, ExerciseDose dose) =>
        Exercise(slug, BodyRegion.Knee, name, spanishName, dose);

    private static Exercise Exercise(string slug, BodyRegion region, string name, string spanishName, ExerciseDose dose) => new()
    {
        Slug = slug,
        Region = region,
        DefaultDose = dose,
        Texts =
        [
            new ExerciseText { Locale = "en", Name = name, Steps = [$"Do the {name.ToLowerInvariant()} slowly."] },
            new ExerciseText { Locale = "es", Name = spanishName, Steps = ["Hazlo despacio."] },
        ],
    };
}
