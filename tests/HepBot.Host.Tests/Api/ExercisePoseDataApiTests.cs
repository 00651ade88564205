using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using HepBot.Conversations.Sessions;
using HepBot.Host.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace HepBot.Host.Tests.Api;

/// <summary>A clinic's own exercise given pose data through POST /api/v1/exercises: checked as strictly as the library's pose file.</summary>
public sealed class ExercisePoseDataApiTests(SqliteApiFixture fixture) : IClassFixture<SqliteApiFixture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static string Body(string poseData) =>
        $$"""{"slug":"wall-arm-raise","region":"shoulder","defaultDose":{"sets":2,"reps":10,"restSeconds":30},"texts":[{"locale":"en","name":"Wall arm raise","steps":["Raise the arm."]}],"poseData":{{poseData}}}""";

    [Fact]
    public async Task An_exercise_given_good_pose_data_keeps_it_shows_it_and_gets_a_drawing()
    {
        var therapist = await fixture.NewTherapistAsync();

        var response = await therapist.Client.PostAsync("/api/v1/exercises", ApiJson.Raw(Body(
            """{"position":"standing","moving":["right.arm"],"props":["wall",{"kind":"band","at":"right.hand","to":"left.hand"}],"poses":[{"right":{"shoulder":0}},{"right":{"shoulder":150},"trunk":5}]}""")), Ct);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var created = await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.Equal(150, created.GetProperty("poseData").GetProperty("poses")[1].GetProperty("right").GetProperty("shoulder").GetDouble());
        var listed = await therapist.Client.GetFromJsonAsync<JsonElement>("/api/v1/exercises?q=wall-arm-raise", Ct);
        Assert.Equal("standing", listed[0].GetProperty("poseData").GetProperty("position").GetString());
        await using var db = fixture.Database.CreateContext();
        var exercise = await db.Exercises.AsNoTracking().SingleAsync(e => e.ClinicId == therapist.ClinicId, Ct);
        var pictures = fixture.Host.Services.GetRequiredService<HepBot.Pictures.ExercisePictures>();
        Assert.True(pictures.Has(exercise));
        var still = await fixture.Host.CreateClient().GetAsync($"/media/exercises/custom/{exercise.Id:D}/still.png?side=left", Ct);
        Assert.Equal(HttpStatusCode.OK, still.StatusCode);
        Assert.Equal("image/png", still.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task A_library_exercise_s_pose_data_from_the_listing_given_to_a_clinic_exercise_draws_the_same_picture()
    {
        var therapist = await fixture.NewTherapistAsync();
        var bridge = (await therapist.Client.GetFromJsonAsync<JsonElement>("/api/v1/exercises?q=bridge", Ct))
            .EnumerateArray().Single(e => e.GetProperty("slug").GetString() == "bridge");

        var response = await therapist.Client.PostAsync("/api/v1/exercises",
            ApiJson.Raw(Body(bridge.GetProperty("poseData").GetRawText()).Replace("wall-arm-raise", "bridge-at-home", StringComparison.Ordinal)), Ct);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var id = (await response.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("id").GetGuid();
        var client = fixture.Host.CreateClient();
        Assert.Equal(await client.GetByteArrayAsync("/media/exercises/bridge/still.png?side=right", Ct),
            await client.GetByteArrayAsync($"/media/exercises/custom/{id:D}/still.png?side=right", Ct));
    }

    [Theory]
    [InlineData("""{"position":"standing","moving":["right.arm"],"colour":"red","poses":[{},{"right":{"shoulder":90}}]}""", "unknown field 'colour'")]
    [InlineData("""{"position":"standing","moving":["right.arm"],"props":[{"kind":"wall","size":3}],"poses":[{},{"right":{"shoulder":90}}]}""", "unknown field 'size' in a prop")]
    [InlineData("""{"position":"standing","moving":["right.arm"],"poses":[{},{"right":{"tail":10}}]}""", "'tail' is not a joint of one side")]
    [InlineData("""{"position":"standing","moving":["right.arm"],"poses":[{},{"right":{"knee":200}}]}""", "right.knee 200° is outside the joint's range (0 to 150)")]
    [InlineData("""{"position":"standing","moving":["right.arm"],"poses":[{},{"headTurn":-90}]}""", "headTurn -90° is outside the joint's range")]
    [InlineData("""{"position":"standing","moving":["right.arm"],"turn":120,"poses":[{},{"right":{"shoulder":90}}]}""", "'turn:' must be degrees from -90 to 90")]
    [InlineData("""{"position":"standing","moving":["right.arm"],"turn":"30","poses":[{},{"right":{"shoulder":90}}]}""", "'turn:' must be degrees from -90 to 90")]
    [InlineData("""{"position":"standing","moving":["right.arm"],"tilt":"20","poses":[{},{"right":{"shoulder":90}}]}""", "'tilt:' must be degrees from 0 to 60")]
    [InlineData("""{"position":"standing","moving":["right.arm"],"still":["1",2],"poses":[{},{"right":{"shoulder":90}}]}""", "'still:' must name two different key poses by number")]
    [InlineData("""{"position":"standing","moving":["right.arm"]}""", "'poses:' must list 2 to 4 key poses")]
    [InlineData("""{"moving":["right.arm"],"poses":[{},{"right":{"shoulder":90}}]}""", "'position:' is missing")]
    [InlineData("""{"position":"standing","poses":[{},{"right":{"shoulder":90}}]}""", "'moving:' must name the limb that moves")]
    [InlineData("""{"position":"standing","moving":["right.arm"],"poses":[{}]}""", "not 1")]
    [InlineData("""{"position":"floating","moving":["right.arm"],"poses":[{},{"right":{"shoulder":90}}]}""", "unknown position 'floating'")]
    [InlineData("""{"position":"standing","moving":["right.wing"],"poses":[{},{"right":{"shoulder":90}}]}""", "unknown moving limb 'right.wing'")]
    [InlineData("""{"position":"standing","moving":["right.arm"],"poses":[{},{"right":{"shoulder":"90"}}]}""", "right.shoulder must be a number of degrees")]
    [InlineData("""{"position":"standing","moving":["right.arm"],"view":null,"poses":[{},{"right":{"shoulder":90}}]}""", "poseData.view: give a value or leave the field out")]
    [InlineData("""{"exercise":"bridge","position":"standing","moving":["right.arm"],"poses":[{},{"right":{"shoulder":90}}]}""", "unknown field 'exercise'")]
    [InlineData("""[1, 2]""", "give an object")]
    public async Task Pose_data_with_a_mistake_is_a_400_naming_it_and_writes_nothing(string poseData, string message)
    {
        var therapist = await fixture.NewTherapistAsync();

        var response = await therapist.Client.PostAsync("/api/v1/exercises", ApiJson.Raw(Body(poseData)), Ct);

        await response.AssertValidationProblemAsync("poseData");
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
        var messages = problem.GetProperty("errors").GetProperty("poseData").EnumerateArray().Select(m => m.GetString()!).ToList();
        Assert.Contains(messages, m => m.Contains(message, StringComparison.Ordinal) && m.StartsWith("poseData", StringComparison.Ordinal));
        await using var db = fixture.Database.CreateContext();
        Assert.Equal(0, await db.Exercises.CountAsync(e => e.ClinicId == therapist.ClinicId, Ct));
    }

    [Fact]
    public async Task Without_pose_data_a_clinic_exercise_has_none_and_no_picture_address_answers_for_it()
    {
        var therapist = await fixture.NewTherapistAsync();
        var body = Body("null").Replace(",\"poseData\":null", "", StringComparison.Ordinal);

        var response = await therapist.Client.PostAsync("/api/v1/exercises", ApiJson.Raw(body), Ct);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var created = await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.Equal(JsonValueKind.Null, created.GetProperty("poseData").ValueKind);
        var id = created.GetProperty("id").GetGuid();
        Assert.Equal(HttpStatusCode.NotFound, (await fixture.Host.CreateClient().GetAsync($"/media/exercises/custom/{id:D}/still.png", Ct)).StatusCode);
    }
}
