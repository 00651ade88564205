using HepBot.Conversations.Content;
using HepBot.Conversations.DialogLayer;

namespace HepBot.Conversations.Tests.Content;

/// <summary>The real dialogs/ folder at the root of the repository.</summary>
public sealed class RepositoryDialogsTests
{
    private static readonly Lazy<DialogTextCatalog> Catalog = new(() => DialogTextCatalog.Load(Path.Combine(RepositoryRoot(), "dialogs")));

    [Fact]
    public void The_repositorys_dialogs_folder_loads_in_every_language()
    {
        Assert.Equal(["en", "es"], Catalog.Value.Languages);
    }

    [Theory]
    [InlineData("common.notUnderstood")]
    [InlineData("common.chooseOne")]
    [InlineData("common.yes")]
    [InlineData("common.no")]
    [InlineData("common.yesWords")]
    [InlineData("common.noWords")]
    public void The_generic_texts_the_dialog_layer_needs_are_there(string key)
    {
        Assert.Contains(key, Catalog.Value.Keys);
    }

    [Fact]
    public void Generic_texts_read_naturally_with_their_placeholders()
    {
        Assert.Equal("Please send a number from 0 to 10.", Catalog.Value.Get("en", "common.enterNumber", ("min", 0), ("max", 10)));
        Assert.Equal("Por favor, envía un número del 0 al 10.", Catalog.Value.Get("es-MX", "common.enterNumber", ("min", 0), ("max", 10)));
    }

    [Fact]
    public void Yes_no_vocabularies_come_from_the_catalog()
    {
        var spanish = ConfirmVocabulary.FromText(
            Catalog.Value.Get("es", "common.yes"),
            Catalog.Value.Get("es", "common.no"),
            Catalog.Value.Get("es", "common.yesWords"),
            Catalog.Value.Get("es", "common.noWords"));

        Assert.Equal("Sí", spanish.YesLabel);
        Assert.Contains("si", spanish.YesWords);
        Assert.Contains("no", spanish.NoWords);
    }

    private static string RepositoryRoot()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "HepBot.sln")))
            {
                return folder.FullName;
            }
        }

        throw new InvalidOperationException($"No HepBot.sln above {AppContext.BaseDirectory}.");
    }
}
