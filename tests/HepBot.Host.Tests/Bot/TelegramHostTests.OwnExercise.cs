using HepBot.Conversations.Sessions;
using HepBot.Host.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace HepBot.Host.Tests.Bot;

public sealed partial class TelegramHostTests
{
    [Fact]
    public async Task A_clinic_s_own_exercise_given_pose_data_through_the_api_is_sent_with_its_drawn_animation_in_the_session()
    {
        await using var host = new HepBotHostFactory(_database, Settings()) { RealChats = true };
        _ = host.Services;
        var id = await OwnExerciseWithPoses.PrescribeFirstToTheDemoPatientAsync(host, _database, Ct);
        var code = InvitationCode().Match(host.Console.ToString()).Groups["code"].Value;
        using (RunClock(host))
        {
            foreach (var say in new[] { $"/start {code}", "yes", "keep", "/today", "start", "2" })
                await _api.WaitForConfirmationAsync(_api.Deliver(id => _api.TextFrom(id, AlexChat, say)));
        }

        var animation = Assert.Single(_api.CallsTo("sendAnimation"));
        Assert.True(animation.Uploaded);
        await using var db = _database.CreateContext();
        var exercise = await db.Exercises.AsNoTracking().SingleAsync(e => e.Id == id, Ct);
        var pictures = host.Services.GetRequiredService<HepBot.Pictures.ExercisePictures>();
        var drawn = pictures.Animation(exercise, HepBot.Pictures.BodySide.Right)!;
        Assert.Equal(File.ReadAllBytes(drawn.Path), animation.UploadedBytes!);
        Assert.Contains("custom-", Path.GetFileName(drawn.Path), StringComparison.Ordinal);
        using var gif = SixLabors.ImageSharp.Image.Load(animation.UploadedBytes!);
        Assert.Equal(HepBot.Pictures.ExerciseDrawing.AnimationFrameCount, gif.Frames.Count);
    }
}
