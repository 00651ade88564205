using HepBot.Conversations.Bot;
using HepBot.Core.Sessions;
using Microsoft.Bot.Builder;

namespace HepBot.Conversations.Sessions;

/// <summary>
/// A session's answers counted honestly, each outcome on its own: "1 done, 1 skipped, 1 to go".
/// A skip or a stop is never counted as done.
/// </summary>
public static class SessionCounts
{
    public static string Describe(Phrases phrases, ITurnContext turn, SessionLog log, int planned)
    {
        var done = log.Exercises.Count(e => e.Outcome == ExerciseOutcome.Done);
        var skipped = log.Exercises.Count(e => e.Outcome == ExerciseOutcome.Skipped);
        var stopped = log.Exercises.Count(e => e.Outcome == ExerciseOutcome.Stopped);
        var toGo = Math.Max(0, planned - log.Exercises.Count);
        var parts = new List<string> { done == 1 ? phrases.Get(turn, "session.counts.doneOne") : phrases.Get(turn, "session.counts.done", ("count", done)) };
        if (skipped > 0)
            parts.Add(skipped == 1 ? phrases.Get(turn, "session.counts.skippedOne") : phrases.Get(turn, "session.counts.skipped", ("count", skipped)));
        if (stopped > 0)
            parts.Add(stopped == 1 ? phrases.Get(turn, "session.counts.stoppedOne") : phrases.Get(turn, "session.counts.stopped", ("count", stopped)));
        if (toGo > 0)
            parts.Add(phrases.Get(turn, "session.counts.toGo", ("count", toGo)));
        return string.Join(", ", parts);
    }
}
