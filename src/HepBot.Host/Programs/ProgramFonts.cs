using System.Reflection;
using PdfSharp.Fonts;

namespace HepBot.Host.Programs;

/// <summary>
/// The one font of printed programs: DejaVu Sans regular and bold (an open font, Bitstream Vera licence in
/// <c>Programs/Fonts/LICENSE</c>), embedded in the host, so a PDF looks the same on every machine and carries every
/// Spanish letter. PDFsharp has one global font resolver; it is set once, before the first PDF.
/// </summary>
internal sealed class ProgramFonts : IFontResolver
{
    public const string Family = "DejaVu Sans";
    private const string Regular = "DejaVuSans";
    private const string Bold = "DejaVuSans-Bold";
    private static readonly Lock Registering = new();
    private static bool _registered;

    public static void EnsureRegistered()
    {
        lock (Registering)
        {
            if (_registered)
                return;
            GlobalFontSettings.FontResolver = new ProgramFonts();
            _registered = true;
        }
    }

    public FontResolverInfo? ResolveTypeface(string familyName, bool bold, bool italic) =>
        // Every family asked for is DejaVu Sans: the sheet uses no other, and italic is simulated.
        new(bold ? Bold : Regular, false, italic);

    public byte[]? GetFont(string faceName)
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream($"HepBot.Fonts.{faceName}.ttf")
            ?? throw new InvalidOperationException($"The font {faceName} is not embedded in the host.");
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }
}
