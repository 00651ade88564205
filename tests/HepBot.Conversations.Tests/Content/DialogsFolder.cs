namespace HepBot.Conversations.Tests.Content;

/// <summary>A throw-away dialogs/ folder written by a test.</summary>
internal sealed class DialogsFolder : IDisposable
{
    public DialogsFolder() => Directory.CreateDirectory(Path);

    public string Path { get; } = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "hepbot-dialogs-" + Guid.NewGuid().ToString("N"));

    public DialogsFolder With(string relativePath, string yaml)
    {
        var file = System.IO.Path.Combine(Path, relativePath);
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(file)!);
        File.WriteAllText(file, yaml);
        return this;
    }

    public void Dispose() => Directory.Delete(Path, recursive: true);
}
