using System.Net;
using System.Text.RegularExpressions;
using HepBot.Host.Api.Invitations;
using HepBot.Host.Tests.Support;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace HepBot.Host.Tests.WebApp;

/// <summary>Every page and file of a patient in the app, read from the host's own route table, is a 404 for a therapist who does not look after them.</summary>
public sealed partial class PatientRoutesAccessTests(SqliteApiFixture fixture) : IClassFixture<SqliteApiFixture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Every_patient_route_the_host_maps_is_a_404_for_another_therapist_and_opens_for_the_patients_own()
    {
        var owner = await fixture.NewWebTherapistAsync();
        var patient = await fixture.NewPatientWithHistoryAsync(owner, "Inés");
        var invitation = await (await owner.Therapist.Client.PostAsync($"/api/v1/patients/{patient.Id}/invitations", null, Ct))
            .ReadAsync<InvitationDto>();
        var colleague = await fixture.NewWebTherapistAsync(clinicId: owner.ClinicId);
        var stranger = await fixture.NewWebTherapistAsync();
        var ownSession = await WebSession.SignedInAsync(fixture.Host, owner);
        var sessions = new[] { await WebSession.SignedInAsync(fixture.Host, colleague), await WebSession.SignedInAsync(fixture.Host, stranger) };

        // Read from the host's own route table, so a patient page added later cannot be missed.
        var routes = fixture.Host.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Select(e => "/" + e.RoutePattern.RawText!.TrimStart('/'))
            .Where(path => path.StartsWith("/app/patients/{", StringComparison.Ordinal))
            .Distinct().Order().ToList();
        Assert.True(routes.Count >= 5, string.Join(", ", routes));

        foreach (var route in routes)
        {
            var path = Parameter().Replace(route, m => m.Groups["name"].Value.ToLowerInvariant() switch
            {
                "id" => patient.Id.ToString(),
                "code" => invitation.Code,
                var other => throw new InvalidOperationException($"{route}: no value for the parameter '{other}' in this test."),
            });

            Assert.True((await ownSession.GetAsync(path)).Status == HttpStatusCode.OK, $"{path} does not open for the patient's own therapist.");
            foreach (var session in sessions)
            {
                var (status, html, _) = await session.GetAsync(path);
                Assert.True(status == HttpStatusCode.NotFound, $"{path}: {status} for another therapist");
                Assert.DoesNotContain(patient.Name, WebUtility.HtmlDecode(html));
                Assert.DoesNotContain(invitation.Code, html);
            }
        }
    }

    [GeneratedRegex(@"\{(?<name>[A-Za-z]+)(:[^}]*)?\}")]
    private static partial Regex Parameter();
}
