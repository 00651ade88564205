using System.Collections.Concurrent;
using HepBot.Conversations.Bot;
using HepBot.Core.Reminders;
using HepBot.Scheduling.Reminders;
using Microsoft.Extensions.Logging.Abstractions;

namespace HepBot.Scheduling.Tests;

/// <summary>Linking and settings changes in a chat are answered without waiting for the scheduler; the API's still wait.</summary>
public sealed class RemindersAfterTheTurnTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_change_in_a_patients_turn_returns_while_the_scheduler_is_busy_and_is_rescheduled_after()
    {
        var scheduler = new BusyScheduler();
        var reminders = new RemindersAfterTheTurn(scheduler, NullLogger<RemindersAfterTheTurn>.Instance);
        await reminders.StartAsync(Ct);
        var alex = Guid.NewGuid();

        using (PatientTurn.Begin())
            await reminders.OnPatientChangedAsync(alex, Ct).WaitAsync(TimeSpan.FromSeconds(5), Ct);

        scheduler.Free.SetResult();
        await scheduler.WaitForAsync(1);
        Assert.Equal([alex], scheduler.Rescheduled);
        await reminders.StopAsync(Ct);
    }

    [Fact]
    public async Task Outside_a_turn_the_caller_waits_until_the_patient_is_rescheduled()
    {
        var scheduler = new BusyScheduler();
        var reminders = new RemindersAfterTheTurn(scheduler, NullLogger<RemindersAfterTheTurn>.Instance);
        var alex = Guid.NewGuid();

        var change = reminders.OnPatientChangedAsync(alex, Ct);
        Assert.False(change.IsCompleted);
        scheduler.Free.SetResult();
        await change;

        Assert.Equal([alex], scheduler.Rescheduled);
    }

    [Fact]
    public async Task A_reschedule_that_fails_after_the_turn_does_not_stop_the_next_patients()
    {
        var scheduler = new BusyScheduler();
        scheduler.Free.SetResult();
        var reminders = new RemindersAfterTheTurn(scheduler, NullLogger<RemindersAfterTheTurn>.Instance);
        await reminders.StartAsync(Ct);
        var (broken, maria) = (BusyScheduler.Failing, Guid.NewGuid());

        using (PatientTurn.Begin())
        {
            await reminders.OnPatientChangedAsync(broken, Ct);
            await reminders.OnPatientChangedAsync(maria, Ct);
        }

        await scheduler.WaitForAsync(1);
        Assert.Equal([maria], scheduler.Rescheduled);
        await reminders.StopAsync(Ct);
    }

    /// <summary>A scheduler whose lock is held until <see cref="Free"/> is set.</summary>
    private sealed class BusyScheduler : IReminderSchedule
    {
        public static readonly Guid Failing = Guid.NewGuid();
        public TaskCompletionSource Free { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private readonly ConcurrentQueue<Guid> _rescheduled = new();

        public List<Guid> Rescheduled => [.. _rescheduled];

        public async Task OnPatientChangedAsync(Guid patientId, CancellationToken ct)
        {
            await Free.Task.WaitAsync(ct);
            if (patientId == Failing)
                throw new InvalidOperationException("The scheduler's lock could not be taken.");
            _rescheduled.Enqueue(patientId);
        }

        public Task<DateTimeOffset?> SnoozeAsync(Guid patientId, CancellationToken ct) => Task.FromResult<DateTimeOffset?>(null);

        public async Task WaitForAsync(int count)
        {
            for (var i = 0; i < 500 && _rescheduled.Count < count; i++)
                await Task.Delay(10, Ct);
        }
    }
}
