using HepBot.Core.Exercises;

namespace HepBot.Core.Prescriptions;

public static class SessionLength
{
    /// <summary>The estimated length of one session in whole minutes, rounded up (the sum of each dose's estimate).</summary>
    public static int Minutes(IEnumerable<ExerciseDose> doses) =>
        (int)Math.Ceiling(doses.Sum(d => d.EstimatedDuration().TotalSeconds) / 60);
}
