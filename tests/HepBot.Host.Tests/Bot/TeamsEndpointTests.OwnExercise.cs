using HepBot.Conversations.Sessions;
using HepBot.Host.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace HepBot.Host.Tests.Bot;

public sealed partial class TeamsEndpointTests
{
    [Fact]
    public async Task A_clinic_s_own_exercise_given_pose_data_through_the_api_shows_its_drawing_in_the_Teams_exercise_card()
    {
        await using var host = new HepBotHostFactory(_database, new Dictionary<string, string?>(DemoOn)
        {
            ["Pictures:PublicBaseUrl"] = "https://hepbot.clinic.example",
        });
        var http = host.CreateClient();
        var id = await OwnExerciseWithPoses.PrescribeFirstToTheDemoPatientAsync(host, _database, Ct);
        await Type(http, $"/start {Code(host)}");
        await Press(http, "Yes");
        await Press(http, "Keep 18:00");
        await Type(http, "/today");
        await Press(http, "Start now");

        Assert.Contains($"Exercise 1 of 2: {OwnExerciseWithPoses.Name}", await Press(http, "2"));
        var picture = Assert.Single(CardImages());
        Assert.Equal($"https://hepbot.clinic.example/media/exercises/custom/{id:D}/still.png?side=right", picture.Url);
        Assert.Equal($"Picture of the exercise: {OwnExerciseWithPoses.Name}", picture.Alt);

        // The address answers the drawing made from the exercise's own pose data, the same bytes each time.
        var served = await http.GetByteArrayAsync(new Uri(picture.Url).PathAndQuery, Ct);
        await using var db = _database.CreateContext();
        var exercise = await db.Exercises.AsNoTracking().SingleAsync(e => e.Id == id, Ct);
        var pictures = host.Services.GetRequiredService<HepBot.Pictures.ExercisePictures>();
        Assert.Equal(File.ReadAllBytes(pictures.Still(exercise, HepBot.Pictures.BodySide.Right)!.Path), served);
        using var png = SixLabors.ImageSharp.Image.Load(served);
        Assert.Equal((HepBot.Pictures.ExerciseDrawing.StillWidth, HepBot.Pictures.PictureStyle.Height), (png.Width, png.Height));
        Assert.Equal(served, await http.GetByteArrayAsync(new Uri(picture.Url).PathAndQuery, Ct));
    }
}
