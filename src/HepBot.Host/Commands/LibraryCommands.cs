using System.CommandLine;
using HepBot.Data.ExerciseLibrary;
using HepBot.Host.Configuration;
using HepBot.Host.ExerciseLibrary;
using HepBot.Host.ExercisePictures;
using HepBot.Pictures;
using Microsoft.Extensions.Options;

namespace HepBot.Host.Commands;

/// <summary>`library sheet --output sheet.png`: every library exercise's still on one page, named under each, for review.</summary>
internal static class LibraryCommands
{
    public static Command Create(TextWriter output, TextWriter error, IEnumerable<KeyValuePair<string, string?>>? settings)
    {
        var file = new Option<FileInfo>("--output", "-o")
        {
            Description = "Where to write the PNG.",
            DefaultValueFactory = _ => new FileInfo("library-sheet.png"),
        };
        var sheet = new Command("sheet", "Write every exercise's picture on one page (a contact sheet) for a physiotherapist to review.") { file };
        sheet.SetAction(async (parse, ct) =>
        {
            // Only settings, the library and its poses are needed: no database, no web host.
            var builder = HepBotApplication.CreateBuilder([], settings);
            builder.Logging.ClearProviders();
            await using var app = builder.Build();
            IReadOnlyList<(ExercisePoses, string)> exercises;
            PictureOptions options;
            try
            {
                options = app.Services.GetRequiredService<IOptions<PictureOptions>>().Value;
                var library = app.Services.GetRequiredService<IOptions<ExerciseLibraryOptions>>().Value;
                var pictures = app.Services.GetRequiredService<HepBot.Pictures.ExercisePictures>();
                exercises = [.. ExerciseLibraryFile.Load(RepositoryRoot.Resolve(library.Path, app.Environment.ContentRootPath))
                    .Select(e => (pictures.Poses.For(e.Slug)!, e.TextFor("en").Name))];
            }
            catch (Exception exception) when (SettingErrors.Of(exception) is { } errors)
            {
                await SettingErrors.ReportAsync(error, errors);
                return AdminDatabase.BadInput;
            }
            var target = parse.GetValue(file)!;
            target.Directory?.Create();
            await File.WriteAllBytesAsync(target.FullName, ExerciseDrawing.Sheet(exercises, new PictureStyle(options.AccentColour)), ct);
            await output.WriteLineAsync($"Contact sheet of {exercises.Count} exercises written to {target.FullName}");
            return 0;
        });
        return new Command("library", "The exercise library.") { sheet };
    }
}
