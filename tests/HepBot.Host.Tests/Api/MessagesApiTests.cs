using System.Net;
using System.Net.Http.Json;
using HepBot.Core.Audit;
using HepBot.Core.Patients;
using HepBot.Host.Api.Messages;
using HepBot.Host.Api.Patients;
using HepBot.Host.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace HepBot.Host.Tests.Api;

/// <summary>The patient–therapist thread through /api/v1/patients/{id}/messages; run once per database provider below.</summary>
public abstract class MessagesApiTests<TFixture>(TFixture fixture) where TFixture : ApiFixture
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_therapist_reads_the_thread_newest_last_and_the_patients_messages_become_read()
    {
        var therapist = await fixture.NewTherapistAsync();
        var patient = await CreatePatientAsync(therapist);
        var now = fixture.Host.Clock.GetUtcNow();
        await StorePatientMessageAsync(patient.Id, therapist.Id, "My knee was swollen this morning.", now.AddHours(-2));
        await StorePatientMessageAsync(patient.Id, therapist.Id, "It is better now.", now.AddHours(-1));

        var sent = await therapist.Client.PostAsJsonAsync($"/api/v1/patients/{patient.Id}/messages",
            new { text = "  Thanks, Maria. Rest it today and ice it after the exercises.  " }, Ct);

        Assert.Equal(HttpStatusCode.Created, sent.StatusCode);
        var reply = await sent.ReadAsync<PatientMessageDto>();
        Assert.Equal((MessageDirection.TherapistToPatient, therapist.Id, "Thanks, Maria. Rest it today and ice it after the exercises.", now),
            (reply.Direction, reply.TherapistId, reply.Text, reply.DeliveredAt));
        Assert.Contains((patient.Id, "Message from your therapist Therapist: Thanks, Maria. Rest it today and ice it after the exercises."),
            fixture.Host.Notifier.Sent);

        var thread = await (await therapist.Client.GetAsync($"/api/v1/patients/{patient.Id}/messages", Ct)).ReadAsync<MessageThreadDto>();

        Assert.Equal(["My knee was swollen this morning.", "It is better now.", reply.Text], thread.Messages.Select(m => m.Text));
        Assert.Equal((1, 50, 3), (thread.Page, thread.PageSize, thread.Total));
        Assert.All(thread.Messages.Take(2), m => Assert.Equal(MessageDirection.PatientToTherapist, m.Direction));
        await using var db = fixture.Database.CreateContext();
        var stored = await db.PatientMessages.Where(m => m.PatientId == patient.Id).ToListAsync(Ct);
        Assert.All(stored.Where(m => m.Direction == MessageDirection.PatientToTherapist), m => Assert.Equal(now, m.ReadAt));
        Assert.Null(stored.Single(m => m.Direction == MessageDirection.TherapistToPatient).ReadAt);
        var audit = await db.AuditEntries.Where(a => a.PatientId == patient.Id && a.EntityType == nameof(PatientMessage)).ToListAsync(Ct);
        Assert.Equal(new[] { AuditAction.Create, AuditAction.Read }.Order(), audit.Select(a => a.Action).Order());
    }

    [Fact]
    public async Task The_thread_is_paged_from_the_newest_messages()
    {
        var therapist = await fixture.NewTherapistAsync();
        var patient = await CreatePatientAsync(therapist);
        var now = fixture.Host.Clock.GetUtcNow();
        for (var i = 1; i <= 5; i++)
            await StorePatientMessageAsync(patient.Id, therapist.Id, $"Message {i}", now.AddMinutes(i - 10));

        var newest = await (await therapist.Client.GetAsync($"/api/v1/patients/{patient.Id}/messages?pageSize=2", Ct)).ReadAsync<MessageThreadDto>();
        var oldest = await (await therapist.Client.GetAsync($"/api/v1/patients/{patient.Id}/messages?pageSize=2&page=3", Ct)).ReadAsync<MessageThreadDto>();

        Assert.Equal(["Message 4", "Message 5"], newest.Messages.Select(m => m.Text));
        Assert.Equal(["Message 1"], oldest.Messages.Select(m => m.Text));
        Assert.Equal(5, oldest.Total);
        await using var db = fixture.Database.CreateContext();
        // Only what the therapist was shown is marked read.
        Assert.Equal(3, await db.PatientMessages.CountAsync(m => m.PatientId == patient.Id && m.ReadAt != null, Ct));
        await (await therapist.Client.GetAsync($"/api/v1/patients/{patient.Id}/messages?pageSize=201", Ct)).AssertValidationProblemAsync("pageSize");
        await (await therapist.Client.GetAsync($"/api/v1/patients/{patient.Id}/messages?page=0", Ct)).AssertValidationProblemAsync("page");
    }

    [Fact]
    public async Task A_clinic_admin_reading_a_colleagues_patient_leaves_the_messages_unread_for_the_therapist()
    {
        var therapist = await fixture.NewTherapistAsync();
        var admin = await fixture.NewTherapistAsync(Core.Clinics.TherapistRole.ClinicAdmin, therapist.ClinicId);
        var patient = await CreatePatientAsync(therapist);
        await StorePatientMessageAsync(patient.Id, therapist.Id, "Can I swim?", fixture.Host.Clock.GetUtcNow().AddHours(-1));

        var thread = await (await admin.Client.GetAsync($"/api/v1/patients/{patient.Id}/messages", Ct)).ReadAsync<MessageThreadDto>();

        Assert.Null(Assert.Single(thread.Messages).ReadAt);
        await using var db = fixture.Database.CreateContext();
        Assert.Null((await db.PatientMessages.SingleAsync(m => m.PatientId == patient.Id, Ct)).ReadAt);
    }

    [Theory]
    [InlineData("""{"text":""}""")]
    [InlineData("""{"text":"   "}""")]
    [InlineData("""{}""")]
    public async Task An_empty_message_is_400_and_nothing_is_sent_or_stored(string json)
    {
        var therapist = await fixture.NewTherapistAsync();
        var patient = await CreatePatientAsync(therapist);

        var response = await therapist.Client.PostAsync($"/api/v1/patients/{patient.Id}/messages", ApiJson.Raw(json), Ct);

        await response.AssertValidationProblemAsync("text");
        Assert.DoesNotContain(fixture.Host.Notifier.Sent, s => s.RecipientId == patient.Id);
        await using var db = fixture.Database.CreateContext();
        Assert.Equal(0, await db.PatientMessages.CountAsync(m => m.PatientId == patient.Id, Ct));
    }

    [Fact]
    public async Task A_message_longer_than_the_limit_is_400()
    {
        var therapist = await fixture.NewTherapistAsync();
        var patient = await CreatePatientAsync(therapist);

        var response = await therapist.Client.PostAsJsonAsync($"/api/v1/patients/{patient.Id}/messages",
            new { text = new string('a', PatientMessage.MaxLength + 1) }, Ct);

        await response.AssertValidationProblemAsync("text");
    }

    [Fact]
    public async Task Another_therapists_patient_thread_is_404_and_cannot_be_written_to()
    {
        var owner = await fixture.NewTherapistAsync();
        var colleague = await fixture.NewTherapistAsync(clinicId: owner.ClinicId);
        var patient = await CreatePatientAsync(owner);
        await StorePatientMessageAsync(patient.Id, owner.Id, "Private", fixture.Host.Clock.GetUtcNow());

        Assert.Equal(HttpStatusCode.NotFound, (await colleague.Client.GetAsync($"/api/v1/patients/{patient.Id}/messages", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound,
            (await colleague.Client.PostAsJsonAsync($"/api/v1/patients/{patient.Id}/messages", new { text = "Hello" }, Ct)).StatusCode);

        Assert.DoesNotContain(fixture.Host.Notifier.Sent, s => s.RecipientId == patient.Id);
        await using var db = fixture.Database.CreateContext();
        Assert.Null((await db.PatientMessages.SingleAsync(m => m.PatientId == patient.Id, Ct)).ReadAt);
    }

    private static async Task<PatientDto> CreatePatientAsync(TestTherapist therapist) =>
        await (await therapist.Client.PostAsJsonAsync("/api/v1/patients",
            new { displayName = "Maria", timeZone = "Europe/Madrid", reminderTimes = new[] { "18:00" } }, Ct)).ReadAsync<PatientDto>();

    private async Task StorePatientMessageAsync(Guid patientId, Guid therapistId, string text, DateTimeOffset sentAt)
    {
        await using var db = fixture.Database.CreateContext();
        db.PatientMessages.Add(new PatientMessage
        {
            PatientId = patientId, TherapistId = therapistId, Direction = MessageDirection.PatientToTherapist, Text = text, SentAt = sentAt,
        });
        await db.SaveChangesAsync(Ct);
    }
}

public sealed class MessagesApiOnSqliteTests(SqliteApiFixture fixture)
    : MessagesApiTests<SqliteApiFixture>(fixture), IClassFixture<SqliteApiFixture>;

public sealed class MessagesApiOnPostgresTests(PostgresApiFixture fixture)
    : MessagesApiTests<PostgresApiFixture>(fixture), IClassFixture<PostgresApiFixture>;
