using System.Net;
using HepBot.Conversations.Sessions;
using HepBot.Core.Sessions;
using HepBot.Data;
using HepBot.Host.Tests.Support;
using HepBot.Pictures;
using HepBot.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using StbImageSharp;

namespace HepBot.Host.Tests.Progress;

/// <summary>
/// Teams loads a progress picture itself, from a signed address on HepBot's public host that expires after
/// Pictures:ProgressLinkDays (7 by default); the picture is drawn from the database for each request. The host's clock
/// stands at 10 March 2026, 09:00 UTC, and Alex is the demo patient.
/// </summary>
public sealed class ProgressPictureEndpointTests : IAsyncLifetime
{
    private const string PublicBase = "https://hepbot.clinic.example";
    private TestDatabase _database = null!;
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync() => _database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);

    public async ValueTask DisposeAsync() => await _database.DisposeAsync();

    private HepBotHostFactory Host(string? publicBase = PublicBase) => new(_database, new Dictionary<string, string?>
    {
        ["Demo:Enabled"] = "true",
        ["Pictures:PublicBaseUrl"] = publicBase,
    });

    private async Task<Guid> AlexAsync()
    {
        await using var db = _database.CreateContext();
        return await db.Patients.Where(p => p.DisplayName == "Alex").Select(p => p.Id).SingleAsync(Ct);
    }

    private static DateOnly Today(HepBotHostFactory host) => DateOnly.FromDateTime(host.Clock.GetUtcNow().UtcDateTime);

    private static string LinkFor(HepBotHostFactory host, Guid patientId, string language = "en") =>
        host.Services.GetRequiredService<IProgressPictureLinks>().For(patientId, Today(host), language)
        ?? throw new InvalidOperationException("No link although Pictures:PublicBaseUrl is set.");

    internal static void AssertProgressPng(byte[] png)
    {
        var image = ImageResult.FromMemory(png, ColorComponents.RedGreenBlue);
        Assert.Equal((ProgressPictureRenderer.Width, ProgressPictureRenderer.Height), (image.Width, image.Height));
        var colours = new HashSet<int>();
        for (var i = 0; i < image.Data.Length; i += 3 * 97)
            colours.Add(image.Data[i] << 16 | image.Data[i + 1] << 8 | image.Data[i + 2]);
        Assert.True(colours.Count > 20, $"The picture has {colours.Count} colours: it looks blank.");
    }

    [Fact]
    public async Task A_signed_link_answers_Alexs_picture_drawn_afresh_and_names_him_nowhere_in_the_address()
    {
        await using var host = Host();
        var http = host.CreateClient();
        var alex = await AlexAsync();

        var link = LinkFor(host, alex);

        Assert.StartsWith(PublicBase + "/media/progress/", link);
        Assert.EndsWith(".png", link);
        foreach (var format in new[] { "D", "N" })
            Assert.DoesNotContain(alex.ToString(format), link, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(Convert.ToBase64String(alex.ToByteArray()).TrimEnd('='), link);
        var response = await http.GetAsync(new Uri(link).PathAndQuery, Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("image/png", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("no-store", response.Headers.CacheControl?.ToString());
        AssertProgressPng(await response.Content.ReadAsByteArrayAsync(Ct));
    }

    [Fact]
    public async Task The_same_link_later_shows_what_was_recorded_since_because_nothing_is_stored()
    {
        await using var host = Host();
        var http = host.CreateClient();
        var alex = await AlexAsync();
        var path = new Uri(LinkFor(host, alex)).PathAndQuery;
        var before = await http.GetByteArrayAsync(path, Ct);

        await using (var db = _database.CreateContext())
        {
            var prescriptionId = await db.Prescriptions.Where(p => p.PatientId == alex && p.SupersededAt == null).Select(p => p.Id).SingleAsync(Ct);
            var items = await db.PrescriptionItems.Where(i => i.PrescriptionId == prescriptionId).OrderBy(i => i.Order).ToListAsync(Ct);
            var yesterday = Today(host).AddDays(-1);
            var started = new DateTimeOffset(yesterday.ToDateTime(new TimeOnly(17, 0)), TimeSpan.Zero);
            db.SessionLogs.Add(new SessionLog
            {
                PatientId = alex, PrescriptionId = prescriptionId, LocalDate = yesterday, ExercisesPlanned = items.Count,
                Status = SessionStatus.Completed, PainBefore = 3, PainAfter = 2, StartedAt = started, EndedAt = started.AddMinutes(15),
                Exercises = [.. items.Select(i => new ExerciseLog
                {
                    PrescriptionItemId = i.Id, ExerciseId = i.ExerciseId, Order = i.Order, Outcome = ExerciseOutcome.Done,
                    SetsDone = i.Dose.Sets, RecordedAt = started.AddMinutes(i.Order * 4),
                })],
            });
            await db.SaveChangesAsync(Ct);
        }

        Assert.NotEqual(before, await http.GetByteArrayAsync(path, Ct));
    }

    [Fact]
    public async Task A_changed_made_up_or_foreign_token_is_a_404_never_a_500()
    {
        await using var host = Host();
        var http = host.CreateClient();
        var token = new Uri(LinkFor(host, await AlexAsync())).Segments[^1][..^".png".Length];
        var flipped = token[..20] + (token[20] == 'A' ? 'B' : 'A') + token[21..];

        foreach (var bad in new[] { flipped, token[..^4], token + "AAAA", "not-a-token", "%2B%2F%3D%3D", new string('A', 5000), "..%2F..%2Fappsettings" })
        {
            var response = await http.GetAsync($"/media/progress/{bad}.png", Ct);
            Assert.True(response.StatusCode == HttpStatusCode.NotFound, $"/media/progress/{bad[..Math.Min(bad.Length, 40)]}….png answered {(int)response.StatusCode}");
        }
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync($"/media/progress/{token}.png", Ct)).StatusCode);
    }

    [Fact]
    public async Task A_link_works_for_seven_days_on_the_hosts_clock_and_is_a_404_after()
    {
        await using var host = Host();
        var http = host.CreateClient();
        var path = new Uri(LinkFor(host, await AlexAsync())).PathAndQuery;

        host.Clock.Advance(TimeSpan.FromDays(7) - TimeSpan.FromMinutes(1));
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync(path, Ct)).StatusCode);

        host.Clock.Advance(TimeSpan.FromMinutes(1));
        Assert.Equal(HttpStatusCode.NotFound, (await http.GetAsync(path, Ct)).StatusCode);
    }

    [Fact]
    public async Task A_link_to_a_patient_who_deleted_their_data_is_a_404()
    {
        await using var host = Host();
        var http = host.CreateClient();
        var alex = await AlexAsync();
        var path = new Uri(LinkFor(host, alex)).PathAndQuery;

        await host.Services.GetRequiredService<HepBot.Conversations.Patients.PatientErasure>().EraseAsync(alex, Ct);

        Assert.Equal(HttpStatusCode.NotFound, (await http.GetAsync(path, Ct)).StatusCode);
    }

    [Fact]
    public async Task Without_a_public_address_there_is_no_link_to_give()
    {
        await using var host = Host(publicBase: null);
        Assert.Null(host.Services.GetRequiredService<IProgressPictureLinks>().For(await AlexAsync(), Today(host), "en"));
    }
}
