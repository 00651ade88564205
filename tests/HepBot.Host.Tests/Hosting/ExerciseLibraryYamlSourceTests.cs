using HepBot.Core.Exercises;
using HepBot.Host.ExerciseLibrary;
using Microsoft.Extensions.Hosting.Internal;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace HepBot.Host.Tests.Hosting;

public class ExerciseLibraryYamlSourceTests
{
    [Fact]
    public async Task Reads_exercises_from_the_configured_file()
    {
        var path = Path.Combine(Path.GetTempPath(), $"hepbot-library-{Guid.NewGuid():N}.yaml");
        await File.WriteAllTextAsync(path, """
            exercises:
              - slug: quad-set
                region: knee
                dose: { sets: 3, reps: 10, holdSeconds: 5, restSeconds: 30, side: each }
                text:
                  en: { name: Quad set, steps: [Sit with your leg straight., Press the back of the knee down.] }
                  es: { name: Serie de cuádriceps, steps: [Siéntate con la pierna estirada.] }
            """, TestContext.Current.CancellationToken);
        try
        {
            var source = new ExerciseLibraryYamlSource(Options.Create(new ExerciseLibraryOptions { Path = path }),
                new HostingEnvironment { ContentRootPath = Path.GetTempPath() }, NullLogger<ExerciseLibraryYamlSource>.Instance);

            var exercise = Assert.Single(await source.LoadAsync(TestContext.Current.CancellationToken));

            Assert.Equal(("quad-set", BodyRegion.Knee), (exercise.Slug, exercise.Region));
            Assert.Equal(new ExerciseDose(3, 10, 5, 30, Side.Each), exercise.DefaultDose);
            Assert.Equal("Serie de cuádriceps", exercise.TextFor("es").Name);
            Assert.Equal(2, exercise.TextFor("en").Steps.Count);
        }
        finally
        {
            File.Delete(path);
        }
    }
}
