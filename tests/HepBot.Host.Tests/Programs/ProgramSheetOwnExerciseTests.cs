using System.Net;
using System.Net.Http.Json;
using HepBot.Host.Api.Patients;
using HepBot.Host.Tests.Support;
using UglyToad.PdfPig;

namespace HepBot.Host.Tests.Programs;

/// <summary>The printed program draws a clinic's own exercise given pose data like a library exercise; one without stays without a picture.</summary>
public sealed class ProgramSheetOwnExerciseTests(ProgramSheetFixture fixture) : IClassFixture<ProgramSheetFixture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_clinic_exercise_given_pose_data_is_printed_with_its_picture_and_one_without_is_printed_without()
    {
        var owner = await fixture.NewTherapistAsync();
        foreach (var (slug, name, poses) in new[]
        {
            (OwnExerciseWithPoses.Slug, OwnExerciseWithPoses.Name, (System.Text.Json.JsonElement?)OwnExerciseWithPoses.PoseData),
            ("towel-wringing", "Towel wringing", null),
        })
            (await owner.Client.PostAsJsonAsync("/api/v1/exercises", new
            {
                slug,
                region = "shoulder",
                defaultDose = new { sets = 1, reps = 10, restSeconds = 30, side = "right" },
                texts = new[] { new { locale = "en", name, steps = new[] { "Do it slowly." } } },
                poseData = poses,
            }, Ct)).EnsureSuccessStatusCode();
        var patient = await (await owner.Client.PostAsJsonAsync("/api/v1/patients",
            new { displayName = "Lena", timeZone = "Europe/Madrid", reminderTimes = new[] { "18:00" } }, Ct)).ReadAsync<PatientDto>();
        (await owner.Client.PutAsJsonAsync($"/api/v1/patients/{patient.Id}/prescription", new
        {
            items = new[] { new { exerciseSlug = OwnExerciseWithPoses.Slug }, new { exerciseSlug = "towel-wringing" } },
        }, Ct)).EnsureSuccessStatusCode();

        var response = await owner.Client.GetAsync($"/api/v1/patients/{patient.Id}/program.pdf", Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var bytes = await response.Content.ReadAsByteArrayAsync(Ct);
        if (Environment.GetEnvironmentVariable("HEPBOT_PROGRAM_PDF") is { Length: > 0 } keep)
            await File.WriteAllBytesAsync(keep, bytes, Ct);
        using var pdf = PdfDocument.Open(bytes);
        var text = string.Join("\n", pdf.GetPages().Select(p => string.Join(" ", p.GetWords().Select(w => w.Text))));
        Assert.Contains("1. Standing arm raise", text);
        Assert.Contains("2. Towel wringing", text);
        // No invitation is open, so no QR code: the one picture is the arm raise's drawing, none for the exercise without pose data.
        var image = Assert.Single(pdf.GetPages().SelectMany(p => p.GetImages()));
        Assert.Equal(HepBot.Pictures.ExerciseDrawing.StillWidth, image.WidthInSamples);
    }
}
