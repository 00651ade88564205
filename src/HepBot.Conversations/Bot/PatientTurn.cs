namespace HepBot.Conversations.Bot;

/// <summary>
/// Whether the code running now is answering a chat turn (on any channel). Work that would keep the patient
/// waiting for the reply, such as rescheduling reminders on the scheduler's lock, checks this and runs after.
/// </summary>
public static class PatientTurn
{
    private static readonly AsyncLocal<bool> Running = new();

    public static bool IsRunning => Running.Value;

    /// <summary>Marks the rest of this async flow as inside a turn, until disposed.</summary>
    public static IDisposable Begin()
    {
        var outer = Running.Value;
        Running.Value = true;
        return new Scope(outer);
    }

    private sealed class Scope(bool outer) : IDisposable
    {
        public void Dispose() => Running.Value = outer;
    }
}
