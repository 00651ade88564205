using HepBot.Core.Audit;
using HepBot.Core.Patients;
using Microsoft.EntityFrameworkCore;

namespace HepBot.Conversations.Tests.Transcripts;

/// <summary>Dana, the therapist, answers an alert in her own chat by writing to her patient.</summary>
public sealed class TherapistTranscripts
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Dana_taps_message_patient_and_Alex_gets_her_words_in_his_language()
    {
        await using var chat = await BotHarness.StartAsync(patientLocale: "es");
        await chat.SayAsync($"/start {await chat.InviteAsync(forTherapist: true)}");

        await chat.TapAsync($"/reply {chat.Clinic.PatientId:N}");
        Assert.Equal("What would you like to tell Alex Moreno? Write it in one message.", chat.Transcript);
        await chat.SayAsync("Great work this week. Go gently with the squats tomorrow.");

        Assert.Equal("Sent to Alex Moreno.", chat.Transcript);
        var (recipient, text) = Assert.Single(chat.Chats.Sent);
        Assert.Equal(chat.Clinic.PatientId, recipient);
        Assert.Equal("Mensaje de tu fisioterapeuta Dana Ruiz: Great work this week. Go gently with the squats tomorrow.", text);
        await using var db = chat.Db();
        var stored = await db.PatientMessages.SingleAsync(Ct);
        Assert.Equal((MessageDirection.TherapistToPatient, chat.Clinic.TherapistId, "Great work this week. Go gently with the squats tomorrow."),
            (stored.Direction, stored.TherapistId, stored.Text));
        Assert.NotNull(stored.DeliveredAt);
        var audit = await db.AuditEntries.SingleAsync(a => a.EntityType == nameof(PatientMessage) && a.Action == AuditAction.Create, Ct);
        Assert.Equal((stored.Id.ToString(), chat.Clinic.PatientId), (audit.EntityId, audit.PatientId));
    }

    [Fact]
    public async Task Dana_cannot_write_to_someone_who_is_not_her_patient()
    {
        await using var chat = await BotHarness.StartAsync();
        await chat.SayAsync($"/start {await chat.InviteAsync(forTherapist: true)}");

        await chat.TapAsync($"/reply {Guid.NewGuid():N}");

        Assert.Equal("I can't find that patient among yours.", chat.Transcript);
        Assert.Empty(chat.Chats.Sent);
    }
}
