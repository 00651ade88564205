using System.Buffers.Binary;
using System.IO.Compression;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using HepBot.Channels.Teams;
using HepBot.Channels.Teams.Package;
using HepBot.Conversations.Bot;
using HepBot.Conversations.Content;
using HepBot.Testing;

namespace HepBot.Channels.Tests.Teams;

/// <summary>
/// The Teams app package. The manifest is checked against what schema v1.19 requires (required properties,
/// lengths, patterns and allowed values, asserted one by one here: no copy of the schema file is vendored).
/// </summary>
public sealed partial class TeamsAppPackageTests
{
    private const string BotId = "9f0c1a52-3a7e-4d8b-9b61-2f4d8e6c7a10";
    private static readonly DialogTextCatalog Catalog = DialogTextCatalog.Load(RepositoryPaths.Combine("dialogs"));

    [Fact]
    public void The_zip_holds_the_manifest_and_two_icons_at_its_root()
    {
        var entries = Unzip(new TeamsAppPackage(BotId, new TeamsOptions(), Catalog));

        Assert.Equal(["color.png", "es.json", "manifest.json", "outline.png"], entries.Keys.Order());
    }

    [Fact]
    public void The_colour_icons_symbol_sits_inside_the_central_120_pixel_safe_area()
    {
        var png = Png.Read(Unzip(new TeamsAppPackage(BotId, new TeamsOptions(), Catalog))["color.png"]);
        var background = png.At(0, 0);

        var (left, top, right, bottom) = png.BoundingBox(p => p != background);

        // The safe area is pixels 36..155 on both axes; the symbol should also fill most of it.
        Assert.True(left >= 36 && top >= 36 && right <= 155 && bottom <= 155, $"symbol spans x {left}..{right}, y {top}..{bottom}");
        Assert.InRange(Math.Max(right - left, bottom - top) + 1, 100, 120);
    }

    [Fact]
    public void The_outline_icons_strokes_stay_inside_its_central_28_pixels()
    {
        var png = Png.Read(Unzip(new TeamsAppPackage(BotId, new TeamsOptions(), Catalog))["outline.png"]);

        var (left, top, right, bottom) = png.BoundingBox(p => p.A > 0);

        Assert.True(left >= 2 && top >= 2 && right <= 29 && bottom <= 29, $"outline spans x {left}..{right}, y {top}..{bottom}");
        Assert.InRange(Math.Max(right - left, bottom - top) + 1, 24, 28);
    }

    [Fact]
    public void Spanish_patients_see_the_app_in_Spanish_from_its_localization_file()
    {
        var package = new TeamsAppPackage(BotId, new TeamsOptions(), Catalog);
        var entries = Unzip(package);
        var manifest = JsonNode.Parse(entries["manifest.json"])!;

        Assert.Equal("en", (string?)manifest["localizationInfo"]!["defaultLanguageTag"]);
        var spanish = Assert.Single(manifest["localizationInfo"]!["additionalLanguages"]!.AsArray())!;
        Assert.Equal(("es", "es.json"), ((string?)spanish["languageTag"], (string?)spanish["file"]));

        var file = JsonNode.Parse(entries["es.json"])!.AsObject();
        Assert.Equal("https://developer.microsoft.com/en-us/json-schemas/teams/v1.19/MicrosoftTeams.Localization.schema.json", (string?)file["$schema"]);
        Assert.Equal(Catalog.Get("es", "teams.fullName"), (string?)file["name.full"]);
        Assert.Equal(Catalog.Get("es", "teams.shortDescription"), (string?)file["description.short"]);
        Assert.Equal(Catalog.Get("es", "teams.fullDescription"), (string?)file["description.full"]);
        Assert.Equal(Catalog.Get("es", "commandMenu.today"), (string?)file["bots[0].commandLists[0].commands[0].description"]);
        Assert.NotEqual((string?)manifest["description"]!["short"], (string?)file["description.short"]);
        // Only keys the localization schema allows, within the manifest's own length limits.
        Assert.All(file.Where(p => p.Key != "$schema"), p => Assert.Matches(LocalizableKey(), p.Key));
        Assert.Equal(TeamsAppPackage.MenuCommands.Count, file.Count(p => p.Key.StartsWith("bots[0]", StringComparison.Ordinal)));
        Assert.InRange(((string)file["name.full"]!).Length, 1, 100);
        Assert.InRange(((string)file["description.short"]!).Length, 1, 80);
        Assert.InRange(((string)file["description.full"]!).Length, 1, 4000);
        Assert.All(file.Where(p => p.Key.StartsWith("bots[0]", StringComparison.Ordinal)), p => Assert.InRange(((string)p.Value!).Length, 1, 128));
    }

    [Fact]
    public void A_Spanish_manifest_carries_English_as_its_further_language_and_set_texts_stay_in_the_manifest()
    {
        var package = new TeamsAppPackage(BotId, new TeamsOptions { Language = "es", FullName = "Fisio Norte en casa" }, Catalog);
        var manifest = package.Manifest();

        Assert.Equal("es", (string?)manifest["localizationInfo"]!["defaultLanguageTag"]);
        Assert.Equal(["en"], package.AdditionalLanguages);
        var english = package.Localization("en");
        Assert.False(english.ContainsKey("name.full"));
        Assert.Equal(Catalog.Get("en", "teams.shortDescription"), (string?)english["description.short"]);
    }

    [Fact]
    public void The_colour_icon_is_a_192_pixel_opaque_png()
    {
        var png = Png.Read(Unzip(new TeamsAppPackage(BotId, new TeamsOptions(), Catalog))["color.png"]);

        Assert.Equal((192, 192, 8, 6), (png.Width, png.Height, png.BitDepth, png.ColorType));
        Assert.All(png.Pixels(), p => Assert.Equal(255, (int)p.A));
        var corner = png.At(2, 2);
        Assert.Equal((0x2E, 0x7D, 0x6B), ((int)corner.R, (int)corner.G, (int)corner.B));
        Assert.Contains(png.Pixels(), p => p is { R: 255, G: 255, B: 255 });
    }

    [Fact]
    public void The_outline_icon_is_32_pixels_of_white_on_transparency()
    {
        var png = Png.Read(Unzip(new TeamsAppPackage(BotId, new TeamsOptions(), Catalog))["outline.png"]);

        Assert.Equal((32, 32, 8, 6), (png.Width, png.Height, png.BitDepth, png.ColorType));
        Assert.All(png.Pixels().Where(p => p.A > 0), p => Assert.Equal((255, 255, 255), ((int)p.R, (int)p.G, (int)p.B)));
        Assert.Equal(0, (int)png.At(0, 0).A);
        Assert.InRange(png.Pixels().Count(p => p.A == 255), 60, 600);
    }

    [Fact]
    public void The_manifest_has_what_schema_1_19_requires()
    {
        var manifest = JsonNode.Parse(Unzip(new TeamsAppPackage(BotId, new TeamsOptions(), Catalog))["manifest.json"])!.AsObject();

        Assert.Equal("https://developer.microsoft.com/json-schemas/teams/v1.19/MicrosoftTeams.schema.json", (string?)manifest["$schema"]);
        Assert.Equal("1.19", (string?)manifest["manifestVersion"]);
        foreach (var required in new[] { "manifestVersion", "version", "id", "developer", "name", "description", "icons", "accentColor" })
            Assert.True(manifest.ContainsKey(required), $"manifest.json lacks required '{required}'");
        Assert.Matches(SemVer(), (string)manifest["version"]!);
        Assert.Matches(Guid(), (string)manifest["id"]!);
        Assert.Matches("^#[0-9a-fA-F]{6}$", (string)manifest["accentColor"]!);

        var developer = manifest["developer"]!.AsObject();
        Assert.InRange(((string)developer["name"]!).Length, 1, 32);
        foreach (var url in new[] { "websiteUrl", "privacyUrl", "termsOfUseUrl" })
            Assert.StartsWith("https://", (string)developer[url]!);
        Assert.InRange(((string)manifest["name"]!["short"]!).Length, 1, 30);
        Assert.InRange(((string)manifest["name"]!["full"]!).Length, 1, 100);
        Assert.InRange(((string)manifest["description"]!["short"]!).Length, 1, 80);
        Assert.InRange(((string)manifest["description"]!["full"]!).Length, 1, 4000);
        Assert.Equal(("color.png", "outline.png"), ((string?)manifest["icons"]!["color"], (string?)manifest["icons"]!["outline"]));

        var bot = Assert.Single(manifest["bots"]!.AsArray())!;
        Assert.Equal(BotId, (string?)bot["botId"]);
        Assert.Equal(["personal"], bot["scopes"]!.AsArray().Select(s => (string?)s));
        var commandList = Assert.Single(bot["commandLists"]!.AsArray())!;
        Assert.Equal(["personal"], commandList["scopes"]!.AsArray().Select(s => (string?)s));
        var commands = commandList["commands"]!.AsArray();
        Assert.InRange(commands.Count, 1, 10);
        Assert.All(commands, c =>
        {
            Assert.InRange(((string)c!["title"]!).Length, 1, 32);
            Assert.InRange(((string)c["description"]!).Length, 1, 128);
        });
        Assert.Empty(manifest["validDomains"]!.AsArray());
        Assert.Equal("en", (string?)manifest["localizationInfo"]!["defaultLanguageTag"]);
    }

    [Fact]
    public void Every_command_in_the_menu_is_one_the_bot_recognises_in_any_language()
    {
        var manifest = new TeamsAppPackage(BotId, new TeamsOptions(), Catalog).Manifest();
        var commands = manifest["bots"]![0]!["commandLists"]![0]!["commands"]!.AsArray();

        Assert.Equal(["/today", "/unwell", "/progress", "/reminder", "/pause", "/language", "/message", "/help", "/menu", "/stop"],
            commands.Select(c => (string?)c!["title"]));
        Assert.All(commands, c => Assert.True(CommandRecognizer.SlashCommands.ContainsKey((string)c!["title"]!)));
        Assert.Equal("Start or continue today's exercises", (string?)commands[0]!["description"]);
    }

    [Fact]
    public void Settings_name_the_app_and_the_developer_and_Spanish_texts_can_be_chosen()
    {
        var options = new TeamsOptions
        {
            AppId = "1b0e7c55-4b0a-4f3e-8f4e-0c1d2e3f4a5b", Version = "1.2.3", ShortName = "Fisio Norte", DeveloperName = "Clínica Norte",
            WebsiteUrl = "https://fisionorte.example.es", PrivacyUrl = "https://fisionorte.example.es/privacidad",
            TermsOfUseUrl = "https://fisionorte.example.es/condiciones", Language = "es", ValidDomains = ["fisionorte.example.es"],
        };
        var package = new TeamsAppPackage(BotId, options, Catalog);
        var manifest = package.Manifest();

        Assert.Equal(("1b0e7c55-4b0a-4f3e-8f4e-0c1d2e3f4a5b", "1.2.3", "Fisio Norte"),
            ((string?)manifest["id"], (string?)manifest["version"], (string?)manifest["name"]!["short"]));
        Assert.Equal(("Clínica Norte", "https://fisionorte.example.es/privacidad"),
            ((string?)manifest["developer"]!["name"], (string?)manifest["developer"]!["privacyUrl"]));
        Assert.Equal(Catalog.Get("es", "teams.shortDescription"), (string?)manifest["description"]!["short"]);
        Assert.Equal("es", (string?)manifest["localizationInfo"]!["defaultLanguageTag"]);
        Assert.Equal(["fisionorte.example.es"], manifest["validDomains"]!.AsArray().Select(d => (string?)d));
        Assert.Empty(package.PlaceholderSettings);
        Assert.Contains("Clínica Norte", Encoding.UTF8.GetString(Unzip(package)["manifest.json"]));
    }

    [Theory]
    [InlineData(null, "MicrosoftAppId is not set")]
    [InlineData("", "MicrosoftAppId is not set")]
    [InlineData("hepbot", "MicrosoftAppId must be the bot's Entra app id")]
    public void Without_a_bot_app_id_there_is_no_package(string? appId, string message)
    {
        var problem = Assert.Throws<TeamsPackageException>(() => new TeamsAppPackage(appId, new TeamsOptions(), Catalog));

        Assert.StartsWith(message, problem.Message);
    }

    [Fact]
    public void Png_chunks_carry_the_standard_crc32()
    {
        Assert.Equal(0xCBF43926u, Crc32.Compute("123456789"u8));
        var png = Unzip(new TeamsAppPackage(BotId, new TeamsOptions(), Catalog))["outline.png"];
        for (var at = 8; at < png.Length;)
        {
            var length = BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(at));
            var stored = BinaryPrimitives.ReadUInt32BigEndian(png.AsSpan(at + 8 + length));
            Assert.Equal(Crc32.Compute(png.AsSpan(at + 4, 4 + length)), stored);
            at += 12 + length;
        }
    }

    private static Dictionary<string, byte[]> Unzip(TeamsAppPackage package)
    {
        using var zip = new MemoryStream();
        package.WriteTo(zip);
        zip.Position = 0;
        using var archive = new ZipArchive(zip, ZipArchiveMode.Read);
        return archive.Entries.ToDictionary(e => e.FullName, e =>
        {
            using var content = new MemoryStream();
            using (var entry = e.Open())
                entry.CopyTo(content);
            return content.ToArray();
        });
    }

    [GeneratedRegex(@"^(name\.(short|full)|description\.(short|full)|bots\[0\]\.commandLists\[[0-9]\]\.commands\[[0-9]\]\.(title|description))$")]
    private static partial Regex LocalizableKey();

    [GeneratedRegex(@"^([0-9]|[1-9][0-9]*)\.([0-9]|[1-9][0-9]*)\.([0-9]|[1-9][0-9]*)$")]
    private static partial Regex SemVer();

    [GeneratedRegex("^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$")]
    private static partial Regex Guid();

    /// <summary>Reads back what the encoder wrote: IHDR, and the IDAT pixels (filter type 0 only).</summary>
    private sealed record Png(int Width, int Height, byte BitDepth, byte ColorType, byte[] Rgba)
    {
        public static Png Read(byte[] file)
        {
            Assert.Equal(new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A }, file[..8]);
            Assert.Equal("IHDR", Encoding.ASCII.GetString(file, 12, 4));
            int width = BinaryPrimitives.ReadInt32BigEndian(file.AsSpan(16)), height = BinaryPrimitives.ReadInt32BigEndian(file.AsSpan(20));
            var idat = new MemoryStream();
            for (var at = 8; at < file.Length;)
            {
                var length = BinaryPrimitives.ReadInt32BigEndian(file.AsSpan(at));
                if (Encoding.ASCII.GetString(file, at + 4, 4) == "IDAT")
                    idat.Write(file, at + 8, length);
                at += 12 + length;
            }
            idat.Position = 0;
            using var zlib = new ZLibStream(idat, CompressionMode.Decompress);
            var raw = new MemoryStream();
            zlib.CopyTo(raw);
            var rows = raw.ToArray();
            var rgba = new byte[width * height * 4];
            for (var y = 0; y < height; y++)
            {
                Assert.Equal(0, (int)rows[y * (width * 4 + 1)]);
                Array.Copy(rows, y * (width * 4 + 1) + 1, rgba, y * width * 4, width * 4);
            }
            return new Png(width, height, file[24], file[25], rgba);
        }

        public (byte R, byte G, byte B, byte A) At(int x, int y)
        {
            var i = (y * Width + x) * 4;
            return (Rgba[i], Rgba[i + 1], Rgba[i + 2], Rgba[i + 3]);
        }

        public IEnumerable<(byte R, byte G, byte B, byte A)> Pixels() =>
            Enumerable.Range(0, Width * Height).Select(i => At(i % Width, i / Width));

        /// <summary>The smallest box (inclusive pixel columns and rows) holding every pixel that matches.</summary>
        public (int Left, int Top, int Right, int Bottom) BoundingBox(Func<(byte R, byte G, byte B, byte A), bool> drawn)
        {
            var hits = Enumerable.Range(0, Width * Height).Where(i => drawn(At(i % Width, i / Width))).ToList();
            Assert.NotEmpty(hits);
            return (hits.Min(i => i % Width), hits.Min(i => i / Width), hits.Max(i => i % Width), hits.Max(i => i / Width));
        }
    }
}
