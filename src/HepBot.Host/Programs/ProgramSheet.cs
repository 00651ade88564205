using System.Globalization;
using HepBot.Conversations.Content;
using HepBot.Conversations.Sessions;
using HepBot.Core.Exercises;
using HepBot.Core.Linking;
using HepBot.Core.Prescriptions;
using HepBot.Core.Time;
using HepBot.Data;
using HepBot.Host.Authentication;
using HepBot.Host.Invitations;
using HepBot.Pictures;
using Microsoft.EntityFrameworkCore;
using PdfSharp.Drawing;
using PdfSharp.Pdf;

namespace HepBot.Host.Programs;

/// <summary>
/// The printable home program of one patient, as a PDF: the clinic, the current program's exercises each with its still
/// picture (the clinic's own photo or HepBot's drawing, for the prescribed side), the dose in the same plain words the
/// chat uses, the steps and the therapist's notes; and, while the patient has no chat linked, the QR code and code of
/// the invitation already open for them (none is created here). Texts come from <c>dialogs/*/programSheet.yaml</c>.
/// The API and the web app both get it here, through the one access rule, and every print is audited.
/// </summary>
internal sealed class ProgramSheet(HepBotDbContext db, DialogTextCatalog texts, DoseWords doses, HepBot.Pictures.ExercisePictures pictures,
    InvitationMaterial invitations, TimeProvider clock)
{
    private static readonly XColor Accent = XColor.FromArgb(0x2e, 0x7d, 0x6b);
    private static readonly XColor Ink = XColor.FromArgb(0x1d, 0x2b, 0x28);
    private static readonly XColor Muted = XColor.FromArgb(0x4a, 0x5c, 0x58);
    private static readonly XColor Rule = XColor.FromArgb(0xd5, 0xdd, 0xda);

    // A4 in points, 14 mm margins.
    private const double PageWidth = 595.28, PageHeight = 841.89, Margin = 40;
    private const double PictureWidth = 190, Gap = 12;

    /// <summary>The PDF, or null when the caller may not see the patient or the patient has no program.</summary>
    public async Task<byte[]?> BuildAsync(ApiCaller caller, Guid patientId, CancellationToken ct)
    {
        var patient = await db.Patients.VisibleTo(caller).AsNoTracking().SingleOrDefaultAsync(p => p.Id == patientId, ct);
        if (patient is null)
            return null;
        var program = await db.Prescriptions.AsNoTracking().AsSplitQuery().Include(p => p.Items).ThenInclude(i => i.Exercise)
            .SingleOrDefaultAsync(p => p.PatientId == patientId && p.SupersededAt == null, ct);
        if (program is null)
            return null;
        var clinic = await db.Clinics.AsNoTracking().Where(c => c.Id == patient.ClinicId).Select(c => c.Name).SingleAsync(ct);
        var now = clock.GetUtcNow();
        var linked = await db.ChannelAccounts.AnyAsync(a => a.PatientId == patientId, ct);
        InvitationSheet? invitation = null;
        if (!linked)
        {
            var open = (await db.Invitations.AsNoTracking().Where(i => i.PatientId == patientId && i.RedeemedAt == null && i.RevokedAt == null)
                    .ToListAsync(ct))
                .Where(i => i.StateAt(now) == InvitationState.Open).OrderByDescending(i => i.ExpiresAt).FirstOrDefault();
            if (open is not null)
                invitation = invitations.Sheet(open, new InvitedPatient(patient.DisplayName, patient.Locale, patient.TimeZoneId, clinic));
        }

        db.AuditRead(caller, nameof(Prescription), program.Id, patientId, now);
        await db.SaveChangesAsync(ct);

        var language = texts.ResolveLanguage(patient.Locale);
        var culture = CultureInfo.GetCultureInfo(language);
        string T(string key, params (string, object?)[] args) => texts.Get(language, "programSheet." + key, args);
        var items = program.Items.OrderBy(i => i.Order).ToList();
        var exercises = items.Select(item =>
        {
            var exercise = item.Exercise ?? throw new InvalidOperationException("Prescription items are loaded with their exercise.");
            var text = exercise.TextFor(language);
            var side = item.Dose.Side == Side.Left ? BodySide.Left : BodySide.Right;
            return new PrintedExercise(text.Name, doses.Describe(item, language), text.Steps,
                string.IsNullOrWhiteSpace(item.Notes) ? null : T("exerciseNote", ("note", item.Notes.Trim())),
                pictures.Has(exercise) ? pictures.Still(exercise, side)?.Path : null);
        }).ToList();

        var prescribedOn = PatientClock.LocalNow(program.CreatedAt, patient.TimeZoneId).ToString("d MMMM yyyy", culture);
        var printedOn = PatientClock.LocalNow(now, patient.TimeZoneId).ToString("d MMMM yyyy", culture);
        var header = new SheetHeader(
            clinic,
            T("title"),
            T("forPatient", ("name", patient.DisplayName), ("clinic", clinic)),
            T("version", ("version", program.Version), ("date", prescribedOn), ("count", items.Count)),
            string.IsNullOrWhiteSpace(program.Notes) ? null : (T("programNotes"), program.Notes.Trim()),
            invitation is null ? null : new SheetInvitation(T("linkHeading"),
                invitation.QrPng is null ? T("linkCodeOnly", ("code", invitation.Code)) : T("linkText", ("code", invitation.Code)),
                invitation.Code, invitation.QrPng));
        return Render(header, exercises, page => T("page", ("page", page.Number), ("pages", page.Of)) + " · " + T("printed", ("date", printedOn)));
    }

    private sealed record PrintedExercise(string Name, string Dose, IReadOnlyList<string> Steps, string? Note, string? PicturePath);

    /// <summary>
    /// QRCoder writes a palette PNG, which PDFsharp's own PNG reader refuses ("Unsupported image format"); the same
    /// picture re-encoded as 32-bit RGBA by SkiaSharp is read.
    /// </summary>
    private static byte[] AsRgbaPng(byte[] png)
    {
        using var decoded = SkiaSharp.SKBitmap.Decode(png) ?? throw new InvalidOperationException("The invitation's QR code is not a readable PNG.");
        using var rgba = decoded.Copy(SkiaSharp.SKColorType.Rgba8888) ?? throw new InvalidOperationException("The invitation's QR code could not be converted.");
        using var image = SkiaSharp.SKImage.FromBitmap(rgba);
        using var encoded = image.Encode(SkiaSharp.SKEncodedImageFormat.Png, 100);
        return encoded.ToArray();
    }

    private sealed record SheetInvitation(string Heading, string Text, string Code, byte[]? QrPng);

    private sealed record SheetHeader(string Clinic, string Title, string ForPatient, string Version, (string Heading, string Text)? Notes,
        SheetInvitation? Invitation);

    private readonly record struct PageNumber(int Number, int Of);

    private static byte[] Render(SheetHeader header, IReadOnlyList<PrintedExercise> exercises, Func<PageNumber, string> footer)
    {
        ProgramFonts.EnsureRegistered();
        var fonts = new Fonts();
        using var document = new PdfDocument();
        document.Info.Title = $"{header.Title} – {header.Clinic}";
        document.Info.Creator = "HepBot";
        var pages = new List<PdfPage>();
        XGraphics? gfx = null;
        double y = 0;
        var bottom = PageHeight - Margin - 16;

        void NewPage()
        {
            gfx?.Dispose();
            var page = document.AddPage();
            page.Width = XUnit.FromPoint(PageWidth);
            page.Height = XUnit.FromPoint(PageHeight);
            pages.Add(page);
            gfx = XGraphics.FromPdfPage(page);
            y = Margin;
        }

        NewPage();
        var width = PageWidth - 2 * Margin;
        // Header: the clinic, the title, who it is for.
        y = Text(gfx!, header.Clinic.ToUpperInvariant(), fonts.Small, Accent, Margin, y, width);
        y = Text(gfx!, header.Title, fonts.Title, Ink, Margin, y + 2, width);
        y = Text(gfx!, header.ForPatient, fonts.Body, Ink, Margin, y + 2, width);
        y = Text(gfx!, header.Version, fonts.Small, Muted, Margin, y + 1, width);

        if (header.Invitation is { } invitation)
        {
            var qrSize = invitation.QrPng is null ? 0 : 78.0;
            var textWidth = width - (qrSize > 0 ? qrSize + Gap : 0);
            var top = y + 10;
            var textHeight = Height(gfx!, invitation.Heading, fonts.Heading, textWidth) + 3 + Height(gfx!, invitation.Text, fonts.Body, textWidth)
                + 3 + Height(gfx!, invitation.Code, fonts.Code, textWidth);
            var boxHeight = Math.Max(qrSize, textHeight) + 16;
            gfx!.DrawRoundedRectangle(new XPen(Accent, 1), XBrushes.White, Margin, top, width, boxHeight, 8, 8);
            var ty = Text(gfx!, invitation.Heading, fonts.Heading, Ink, Margin + 8, top + 8, textWidth - 8);
            ty = Text(gfx!, invitation.Text, fonts.Body, Ink, Margin + 8, ty + 3, textWidth - 8);
            Text(gfx!, invitation.Code, fonts.Code, Accent, Margin + 8, ty + 3, textWidth - 8);
            if (invitation.QrPng is { } png)
            {
                using var qr = XImage.FromStream(new MemoryStream(AsRgbaPng(png)));
                gfx!.DrawImage(qr, Margin + width - qrSize - 8, top + 8, qrSize, qrSize);
            }
            y = top + boxHeight;
        }

        if (header.Notes is { } notes)
        {
            y = Text(gfx!, notes.Heading, fonts.Heading, Ink, Margin, y + 10, width);
            y = Text(gfx!, notes.Text, fonts.Body, Ink, Margin, y + 2, width);
        }
        y += 8;

        // One exercise per row: its picture on the left, its words on the right.
        var textLeft = Margin + PictureWidth + Gap;
        var textWidthRow = width - PictureWidth - Gap;
        for (var i = 0; i < exercises.Count; i++)
        {
            var exercise = exercises[i];
            var lines = new List<(string Text, XFont Font, XColor Colour, double Before)>
            {
                ($"{i + 1}. {exercise.Name}", fonts.Heading, Ink, 0),
                (exercise.Dose, fonts.BodyBold, Accent, 2),
            };
            for (var s = 0; s < exercise.Steps.Count; s++)
                lines.Add(($"{s + 1}. {exercise.Steps[s]}", fonts.Small, Ink, s == 0 ? 3 : 1));
            if (exercise.Note is { } note)
                lines.Add((note, fonts.SmallBold, Ink, 3));
            var pictureHeight = exercise.PicturePath is null ? 0 : PictureWidth / 3;
            var textHeight = lines.Sum(l => l.Before + Height(gfx!, l.Text, l.Font, textWidthRow));
            var rowHeight = Math.Max(pictureHeight, textHeight) + 12;
            if (y + rowHeight > bottom)
                NewPage();
            gfx!.DrawLine(new XPen(Rule, 0.6), Margin, y, Margin + width, y);
            var top = y + 8;
            if (exercise.PicturePath is { } path)
            {
                using var picture = XImage.FromFile(path);
                var height = PictureWidth * picture.PixelHeight / Math.Max(1, picture.PixelWidth);
                gfx!.DrawImage(picture, Margin, top, PictureWidth, Math.Min(height, rowHeight - 12));
            }
            var ly = top;
            foreach (var line in lines)
                ly = Text(gfx!, line.Text, line.Font, line.Colour, textLeft, ly + line.Before, textWidthRow);
            y = top + rowHeight - 8;
        }
        gfx?.Dispose();

        for (var p = 0; p < pages.Count; p++)
        {
            using var page = XGraphics.FromPdfPage(pages[p], XGraphicsPdfPageOptions.Append);
            page.DrawString(footer(new PageNumber(p + 1, pages.Count)), fonts.Small, new XSolidBrush(Muted),
                new XPoint(Margin, PageHeight - Margin + 4));
        }
        using var output = new MemoryStream();
        document.Save(output, closeStream: false);
        return output.ToArray();
    }

    /// <summary>Draws <paramref name="text"/> wrapped to <paramref name="width"/> from <paramref name="top"/>; returns the y below it.</summary>
    private static double Text(XGraphics gfx, string text, XFont font, XColor colour, double left, double top, double width)
    {
        var brush = new XSolidBrush(colour);
        var lineHeight = font.GetHeight();
        var y = top;
        foreach (var line in Wrap(gfx, text, font, width))
        {
            gfx.DrawString(line, font, brush, new XRect(left, y, width, lineHeight), XStringFormats.TopLeft);
            y += lineHeight;
        }
        return y;
    }

    private static double Height(XGraphics gfx, string text, XFont font, double width) => Wrap(gfx, text, font, width).Count * font.GetHeight();

    /// <summary>Greedy word wrap by measured width; a paragraph break stays a break, a word longer than the line is split.</summary>
    private static List<string> Wrap(XGraphics gfx, string text, XFont font, double width)
    {
        var lines = new List<string>();
        foreach (var paragraph in text.Replace("\r\n", "\n").Split('\n'))
        {
            var line = "";
            foreach (var word in paragraph.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            {
                var candidate = line.Length == 0 ? word : line + " " + word;
                if (gfx.MeasureString(candidate, font).Width <= width)
                {
                    line = candidate;
                    continue;
                }
                if (line.Length > 0)
                    lines.Add(line);
                line = word;
                while (line.Length > 1 && gfx.MeasureString(line, font).Width > width)
                {
                    var fits = line.Length - 1;
                    while (fits > 1 && gfx.MeasureString(line[..fits], font).Width > width)
                        fits--;
                    lines.Add(line[..fits]);
                    line = line[fits..];
                }
            }
            lines.Add(line);
        }
        return lines;
    }

    private sealed class Fonts
    {
        public XFont Title { get; } = new(ProgramFonts.Family, 18, XFontStyleEx.Bold);
        public XFont Heading { get; } = new(ProgramFonts.Family, 11, XFontStyleEx.Bold);
        public XFont Body { get; } = new(ProgramFonts.Family, 9.5, XFontStyleEx.Regular);
        public XFont BodyBold { get; } = new(ProgramFonts.Family, 9.5, XFontStyleEx.Bold);
        public XFont Small { get; } = new(ProgramFonts.Family, 8, XFontStyleEx.Regular);
        public XFont SmallBold { get; } = new(ProgramFonts.Family, 8, XFontStyleEx.Bold);
        public XFont Code { get; } = new(ProgramFonts.Family, 16, XFontStyleEx.Bold);
    }
}
