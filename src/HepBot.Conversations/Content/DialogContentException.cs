namespace HepBot.Conversations.Content;

/// <summary>The dialogs/ folder has problems; <see cref="Problems"/> lists every one found.</summary>
public sealed class DialogContentException(string dialogsFolder, IReadOnlyList<string> problems)
    : Exception(Describe(dialogsFolder, problems))
{
    public IReadOnlyList<string> Problems { get; } = problems;

    private static string Describe(string dialogsFolder, IReadOnlyList<string> problems) =>
        $"The dialog texts in '{dialogsFolder}' have {problems.Count} problem{(problems.Count == 1 ? "" : "s")}:" +
        string.Concat(problems.Select(p => $"{Environment.NewLine}  - {p}"));
}
