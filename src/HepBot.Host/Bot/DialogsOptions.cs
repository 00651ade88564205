using System.ComponentModel.DataAnnotations;

namespace HepBot.Host.Bot;

/// <summary>Dialogs:* — where every sentence the bot says is kept, one folder per language.</summary>
public sealed class DialogsOptions
{
    public const string SectionName = "Dialogs";

    /// <summary>Relative paths are under the repository root (or the content root of an install).</summary>
    [Required(AllowEmptyStrings = false, ErrorMessage = "Dialogs:Folder must name the folder of dialog texts.")]
    public string Folder { get; set; } = "dialogs";
}
