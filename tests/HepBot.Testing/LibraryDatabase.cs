using HepBot.Data;
using HepBot.Data.ExerciseLibrary;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace HepBot.Testing;

/// <summary>
/// A migrated SQLite database holding the real exercise library, built once per test run; each test
/// gets its own copy of the file, so tests stay independent without migrating hundreds of times.
/// </summary>
public static class LibraryDatabase
{
    private static readonly Lazy<Task<TestDatabase>> Template = new(CreateTemplateAsync);

    /// <summary>A fresh copy of the template: migrated, with the exercise library, no clinic yet.</summary>
    public static async Task<TestDatabase> CreateAsync()
    {
        var template = await Template.Value;
        var database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        File.Copy(FileOf(template), FileOf(database));
        return database;
    }

    private static async Task<TestDatabase> CreateTemplateAsync()
    {
        var template = await TestDatabase.CreateMigratedAsync(DatabaseProvider.Sqlite);
        await using (var db = template.CreateContext())
        {
            db.Exercises.AddRange(ExerciseLibraryFile.Load(RepositoryPaths.Combine("library", "exercises.yaml")));
            await db.SaveChangesAsync();
            // Everything in the main file, so a plain file copy is the whole database.
            await db.Database.ExecuteSqlRawAsync("PRAGMA wal_checkpoint(TRUNCATE);");
        }
        AppDomain.CurrentDomain.ProcessExit += (_, _) => template.DisposeAsync().AsTask().GetAwaiter().GetResult();
        return template;
    }

    private static string FileOf(TestDatabase database) => new SqliteConnectionStringBuilder(database.ConnectionString).DataSource;
}
