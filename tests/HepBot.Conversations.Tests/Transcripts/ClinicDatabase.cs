using HepBot.Conversations.Content;
using HepBot.Testing;

namespace HepBot.Conversations.Tests.Transcripts;

/// <summary>The real dialog texts, loaded once per test run for every transcript.</summary>
internal static class ClinicDatabase
{
    public static DialogTextCatalog Texts { get; } = DialogTextCatalog.Load(RepositoryPaths.Combine("dialogs"));

    /// <summary>A fresh database with the exercise library (see <see cref="LibraryDatabase"/>).</summary>
    public static Task<TestDatabase> CreateAsync() => LibraryDatabase.CreateAsync();
}
