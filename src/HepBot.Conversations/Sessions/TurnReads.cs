using HepBot.Core.Patients;
using HepBot.Core.Sessions;

namespace HepBot.Conversations.Sessions;

/// <summary>
/// What one patient turn has read already: the patient (from <see cref="Linking.ChatDirectory"/>) and today's plan
/// (<see cref="SessionRecorder.LoadTodayAsync"/>), which the interruptions, the session dialog and the exercise
/// dialog each ask for. Kept only while the turn runs (<see cref="Begin"/> to the scope's end), never across turns,
/// so nothing can go stale between a patient's taps. A write to the session logs through
/// <see cref="SessionRecorder"/> puts what it saved into the kept plan (<see cref="Wrote(SessionLog)"/>)
/// or drops the plan where it cannot, a write to the patient (<see cref="Patients.PatientSettings"/>, the
/// invitation redeemer, erasure) drops both, and the next read goes to the database again. Work that outlives the
/// turn (started in it, running after it) reads the database: the scope is closed by then.
/// </summary>
public sealed class TurnReads
{
    private static readonly AsyncLocal<TurnReads?> Scope = new();

    private readonly Lock _lock = new();
    private bool _open = true;
    private Patient? _patient;
    private TodayPlan? _plan;

    private TurnReads()
    {
    }

    /// <summary>The running turn's reads, or null outside a turn (jobs, the web app, work after the turn).</summary>
    internal static TurnReads? Current => Scope.Value is { _open: true } reads ? reads : null;

    /// <summary>Starts keeping reads for the turn that runs until the returned scope is disposed.</summary>
    public static IDisposable Begin()
    {
        var reads = new TurnReads();
        Scope.Value = reads;
        return new End(reads);
    }

    /// <summary>The patient this turn read, kept so the plan need not read it again.</summary>
    public static void KeepPatient(Patient? patient)
    {
        if (Current is { } reads && patient is not null)
            lock (reads._lock)
                reads._patient = patient;
    }

    /// <summary>Drops the kept plan: the caller is about to change today's session logs. The patient stays.</summary>
    public static void ForgetPlan()
    {
        if (Scope.Value is { } reads)
            lock (reads._lock)
                reads._plan = null;
    }

    /// <summary>Drops everything kept: the caller is about to change the patient (a new zone is a new "today").</summary>
    public static void Forget()
    {
        if (Scope.Value is { } reads)
            lock (reads._lock)
            {
                reads._patient = null;
                reads._plan = null;
            }
    }

    internal Patient? PatientOf(Guid patientId)
    {
        lock (_lock)
            return _patient?.Id == patientId ? _patient : null;
    }

    /// <summary>
    /// A session log just written by <see cref="SessionRecorder"/>, its values as saved: the kept plan holds it in place of
    /// the copy it read (with that copy's exercise answers), or adds it when the turn created it, so the rest of the turn
    /// sees what a new read would give without reading again. Without a kept plan of that patient, nothing is kept.
    /// </summary>
    internal static void Wrote(SessionLog saved)
    {
        if (Current is not { } reads)
            return;
        lock (reads._lock)
        {
            if (reads._plan is not { } plan || plan.Patient.Id != saved.PatientId || plan.Date != saved.LocalDate)
                return;
            var earlier = plan.LogsToday.FirstOrDefault(l => l.Id == saved.Id);
            var log = saved.WithExercises(earlier is null ? [] : [.. earlier.Exercises]);
            List<SessionLog> logs = earlier is null
                ? [.. plan.LogsToday, log]
                : [.. plan.LogsToday.Select(l => l.Id == saved.Id ? log : l)];
            reads._plan = plan with { LogsToday = [.. logs.OrderBy(l => l.SessionNumber)] };
        }
    }

    /// <summary>
    /// An exercise answer just written, as saved: the kept plan's session log gets it in place of an earlier answer to the
    /// same program item. The kept plan is replaced, never changed, so what a caller took from it before stays as it was.
    /// </summary>
    internal static void Wrote(ExerciseLog saved)
    {
        if (Current is not { } reads)
            return;
        lock (reads._lock)
        {
            if (reads._plan is not { } plan)
                return;
            if (plan.LogsToday.FirstOrDefault(l => l.Id == saved.SessionLogId) is not { } log)
            {
                // A session the kept plan does not know (another host's, perhaps today's): read again when asked.
                reads._plan = null;
                return;
            }
            var copy = log.WithExercises([.. log.Exercises.Where(e => e.PrescriptionItemId != saved.PrescriptionItemId), saved]);
            reads._plan = plan with { LogsToday = [.. plan.LogsToday.Select(l => l.Id == log.Id ? copy : l)] };
        }
    }

    /// <summary>The session log as this turn's kept plan holds it, or null when no plan with it is kept.</summary>
    internal SessionLog? LogOf(Guid logId)
    {
        lock (_lock)
            return _plan?.LogsToday.FirstOrDefault(l => l.Id == logId);
    }

    internal TodayPlan? PlanOf(Guid patientId)
    {
        lock (_lock)
            return _plan?.Patient.Id == patientId ? _plan : null;
    }

    internal void Keep(TodayPlan plan)
    {
        lock (_lock)
        {
            _patient = plan.Patient;
            _plan = plan;
        }
    }

    private sealed class End(TurnReads reads) : IDisposable
    {
        public void Dispose()
        {
            lock (reads._lock)
            {
                reads._open = false;
                reads._patient = null;
                reads._plan = null;
            }
        }
    }
}
