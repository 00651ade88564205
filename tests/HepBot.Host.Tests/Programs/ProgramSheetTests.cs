using System.Net;
using System.Net.Http.Json;
using HepBot.Core.Audit;
using HepBot.Data;
using HepBot.Host.Api.Patients;
using HepBot.Host.Tests.Support;
using Microsoft.EntityFrameworkCore;
using UglyToad.PdfPig;

namespace HepBot.Host.Tests.Programs;

public sealed class ProgramSheetFixture : ApiFixture
{
    protected override DatabaseProvider Provider => DatabaseProvider.Sqlite;
    protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?> { ["Telegram:BotUsername"] = "RiversideHepBot" };
}

/// <summary>The printed program: a PDF of the current program, the open invitation's code while no chat is linked, only for the patient's own therapist.</summary>
public sealed class ProgramSheetTests(ProgramSheetFixture fixture) : IClassFixture<ProgramSheetFixture>
{
    private static readonly string[] TwelveExercises =
    [
        "quad-set", "straight-leg-raise", "heel-slide", "short-arc-quad", "bridge", "sit-to-stand",
        "clamshell", "heel-raise", "mini-squat", "side-lying-hip-abduction", "ankle-pump", "single-leg-stance",
    ];

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_program_pdf_lists_every_exercise_with_its_picture_and_the_open_invitation_code_and_is_audited()
    {
        var owner = await fixture.NewTherapistAsync();
        var colleague = await fixture.NewTherapistAsync(clinicId: owner.ClinicId);
        var patient = await (await owner.Client.PostAsJsonAsync("/api/v1/patients",
            new { displayName = "Maria", timeZone = "Europe/Madrid", reminderTimes = new[] { "18:00" } }, Ct)).ReadAsync<PatientDto>();
        await using (var db = fixture.Database.CreateContext())
        {
            var known = await db.Exercises.Where(e => e.ClinicId == null).Select(e => e.Slug).ToListAsync(Ct);
            Assert.All(TwelveExercises, slug => Assert.Contains(slug, known));
        }
        (await owner.Client.PutAsJsonAsync($"/api/v1/patients/{patient.Id}/prescription", new
        {
            schedule = new { sessionsPerDay = 1, startDate = "2026-03-03" },
            notes = "Pain up to 3/10 is fine.",
            items = TwelveExercises.Select((slug, i) => new { exerciseSlug = slug, sets = 3, reps = 10, notes = i == 0 ? "Keep the knee flat." : null }).ToArray(),
        }, Ct)).EnsureSuccessStatusCode();
        var invitation = await owner.Client.PostAsJsonAsync($"/api/v1/patients/{patient.Id}/invitations", new { }, Ct);
        invitation.EnsureSuccessStatusCode();
        var code = (await invitation.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>(Ct)).GetProperty("code").GetString()!;

        var response = await owner.Client.GetAsync($"/api/v1/patients/{patient.Id}/program.pdf", Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/pdf", response.Content.Headers.ContentType?.MediaType);
        var bytes = await response.Content.ReadAsByteArrayAsync(Ct);
        if (Environment.GetEnvironmentVariable("HEPBOT_PROGRAM_PDF") is { Length: > 0 } keep)
            await File.WriteAllBytesAsync(keep, bytes, Ct);
        using var pdf = PdfDocument.Open(bytes);
        var text = string.Join("\n", pdf.GetPages().Select(p => string.Join(" ", p.GetWords().Select(w => w.Text))));
        foreach (var name in new[] { "Quad", "Straight", "Heel", "Short", "Bridge", "Sit", "Clamshell", "Mini", "Side", "Ankle", "Standing on one leg" })
            Assert.Contains(name, text);
        Assert.Equal(TwelveExercises.Length, Enumerable.Range(1, 12).Count(n => text.Contains($"{n}. ")));
        Assert.Contains("Maria", text);
        Assert.Contains(code, text);
        Assert.Contains("Keep the knee flat.", text);
        Assert.Contains("3 rounds", text);
        Assert.InRange(pdf.NumberOfPages, 1, 3);
        Assert.True(pdf.GetPages().Sum(p => p.GetImages().Count()) >= 13, "twelve pictures and the QR code");
        Assert.Contains(pdf.GetPages().First().Letters, l => l.FontName?.Contains("DejaVu") == true);

        // No chat linked, but the invitation was revoked: no code, and none is made up.
        (await owner.Client.DeleteAsync($"/api/v1/patients/{patient.Id}/invitations/{code}", Ct)).EnsureSuccessStatusCode();
        await using (var db = fixture.Database.CreateContext())
        {
            var before = await db.Invitations.CountAsync(i => i.PatientId == patient.Id, Ct);
            using var again = PdfDocument.Open(await owner.Client.GetByteArrayAsync($"/api/v1/patients/{patient.Id}/program.pdf", Ct));
            Assert.DoesNotContain(code, string.Join(" ", again.GetPages().SelectMany(p => p.GetWords()).Select(w => w.Text)));
            Assert.Equal(before, await db.Invitations.CountAsync(i => i.PatientId == patient.Id, Ct));
            Assert.Equal(2, await db.AuditEntries.CountAsync(a => a.PatientId == patient.Id && a.Action == AuditAction.Read && a.EntityType == "Prescription", Ct));
        }

        Assert.Equal(HttpStatusCode.NotFound, (await colleague.Client.GetAsync($"/api/v1/patients/{patient.Id}/program.pdf", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await owner.Client.GetAsync($"/api/v1/patients/{Guid.NewGuid()}/program.pdf", Ct)).StatusCode);
    }
}
