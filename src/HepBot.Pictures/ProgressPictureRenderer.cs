using HepBot.Core.Adherence;
using SkiaSharp;

namespace HepBot.Pictures;

/// <summary>The words of the progress picture, in the patient's language (from <c>dialogs/&lt;language&gt;/progress.yaml</c>).</summary>
public sealed record ProgressPictureLabels(
    string Title,
    string Dates,
    IReadOnlyList<string> DayNames,
    IReadOnlyDictionary<PictureDayMark, string> Marks,
    string Today,
    string PainTitle,
    string PainBefore,
    string PainAfter,
    string PainCaution,
    string PainStop,
    string PainNone);

/// <summary>
/// Draws a patient's <see cref="ProgressPicture"/> as a PNG for a phone: the four weeks as a calendar, Monday first,
/// each day a shape as well as a colour (a tick, a half, a dash, a stop sign, a cross, a dot, a dotted ring), so it
/// reads without colour; a legend; and the pain before (ring) and after (square) each session on the 0–10 scale
/// over the same four weeks, with the caution and stop bands. Large type: a phone shows it at about half size.
/// </summary>
public static class ProgressPictureRenderer
{
    private static readonly int[] GridScores = [0, 2, 4, 6, 8, 10];

    public const int Width = 800;
    public const int Height = 1050;

    // Okabe–Ito colours, told apart with every common colour-vision deficiency.
    internal static readonly SKColor DoneColour = new(0x00, 0x9e, 0x73);
    internal static readonly SKColor SkippedColour = new(0x00, 0x72, 0xb2);
    internal static readonly SKColor StoppedColour = new(0xd5, 0x5e, 0x00);
    internal static readonly SKColor MissedColour = new(0x6b, 0x2f, 0x5e);
    internal static readonly SKColor Quiet = new(0x9a, 0xa4, 0xad);
    internal static readonly SKColor Ink = new(0x26, 0x30, 0x38);
    internal static readonly SKColor Cell = new(0xf1, 0xf3, 0xf5);
    private static readonly SKColor CautionBand = new(0xfd, 0xf1, 0xd6);
    private static readonly SKColor StopBand = new(0xfb, 0xe0, 0xd6);

    private const float Margin = 24;
    private const float CalendarTop = 84, HeaderHeight = 40, CellHeight = 84, CellGap = 8;
    private const float LegendRowHeight = 46;
    private const float ChartHeight = 300;

    private static readonly Lazy<SKTypeface> Regular = new(() => Font("DejaVuSans"));
    private static readonly Lazy<SKTypeface> Bold = new(() => Font("DejaVuSans-Bold"));

    public static byte[] Render(ProgressPicture picture, ProgressPictureLabels labels)
    {
        using var bitmap = new SKBitmap(new SKImageInfo(Width, Height, SKColorType.Rgba8888, SKAlphaType.Premul));
        using (var canvas = new SKCanvas(bitmap))
        {
            canvas.Clear(PictureStyle.Background);
            var titleWidth = DrawText(canvas, labels.Title, Margin, 52, 34, Bold.Value, Ink, Width * 0.6f);
            DrawText(canvas, labels.Dates, Width - Margin, 52, 26, Regular.Value, Ink, Width - 3 * Margin - titleWidth, SKTextAlign.Right);
            var calendarBottom = DrawCalendar(canvas, picture, labels);
            var legendBottom = DrawLegend(canvas, labels, calendarBottom + 18);
            DrawPain(canvas, picture, labels, legendBottom + 24);
            canvas.Flush();
        }
        using var image = SKImage.FromBitmap(bitmap);
        using var png = image.Encode(SKEncodedImageFormat.Png, 100);
        return png.ToArray();
    }

    private static float DrawCalendar(SKCanvas canvas, ProgressPicture picture, ProgressPictureLabels labels)
    {
        var cellWidth = (Width - 2 * Margin - 6 * CellGap) / 7;
        for (var column = 0; column < 7; column++)
            DrawText(canvas, labels.DayNames[column], Margin + column * (cellWidth + CellGap) + cellWidth / 2, CalendarTop + 28, 26,
                Bold.Value, Ink, cellWidth, SKTextAlign.Center);
        var top = CalendarTop + HeaderHeight;
        for (var i = 0; i < picture.Days.Count; i++)
        {
            var day = picture.Days[i];
            var x = Margin + i % 7 * (cellWidth + CellGap);
            var y = top + i / 7 * (CellHeight + CellGap);
            var rect = new SKRect(x, y, x + cellWidth, y + CellHeight);
            using (var fill = Fill(Cell))
                canvas.DrawRoundRect(rect, 10, 10, fill);
            if (day.Date == picture.Today)
                using (var ring = Stroke(Ink, 4))
                    canvas.DrawRoundRect(Inset(rect, 2), 10, 10, ring);
            DrawText(canvas, day.Date.Day.ToString(System.Globalization.CultureInfo.InvariantCulture), x + 8, y + 25, 22,
                Regular.Value, day.Mark == PictureDayMark.Future || day.Date > picture.Today ? Quiet : Ink, cellWidth);
            DrawMark(canvas, day.Mark, rect.MidX + 8, rect.MidY + 8, 22);
        }
        return top + 4 * CellHeight + 3 * CellGap;
    }

    private static float DrawLegend(SKCanvas canvas, ProgressPictureLabels labels, float top)
    {
        var columnWidth = (Width - 2 * Margin) / 2;
        var marks = ProgressPicture.LegendOrder;
        var rows = (marks.Count + 1) / 2;
        for (var i = 0; i < marks.Count; i++)
        {
            var x = Margin + i / rows * columnWidth;
            var y = top + i % rows * LegendRowHeight;
            DrawMark(canvas, marks[i], x + 20, y + 20, 17);
            DrawText(canvas, labels.Marks[marks[i]], x + 50, y + 30, 26, Regular.Value, Ink, columnWidth - 56);
        }
        // Today's outline explained in the legend's free place.
        var todayX = Margin + columnWidth;
        var todayY = top + (rows - 1) * LegendRowHeight;
        using (var ring = Stroke(Ink, 4))
            canvas.DrawRoundRect(new SKRect(todayX + 2, todayY + 2, todayX + 38, todayY + 38), 8, 8, ring);
        DrawText(canvas, labels.Today, todayX + 50, todayY + 30, 26, Regular.Value, Ink, columnWidth - 56);
        return top + rows * LegendRowHeight;
    }

    private static void DrawPain(SKCanvas canvas, ProgressPicture picture, ProgressPictureLabels labels, float top)
    {
        DrawText(canvas, labels.PainTitle, Margin, top + 30, 30, Bold.Value, Ink, Width - 2 * Margin);
        // The key of the two markers on the title's line, at the right.
        var keyY = top + 64;
        DrawBefore(canvas, Margin + 14, keyY, 10);
        var beforeWidth = DrawText(canvas, labels.PainBefore, Margin + 34, keyY + 9, 24, Regular.Value, Ink, 300);
        DrawAfter(canvas, Margin + 34 + beforeWidth + 36, keyY, 10);
        DrawText(canvas, labels.PainAfter, Margin + 34 + beforeWidth + 56, keyY + 9, 24, Regular.Value, Ink, 300);

        var chart = new SKRect(Margin + 44, top + 92, Width - Margin - 150, top + 92 + ChartHeight - 100);
        float Y(double pain) => (float)(chart.Bottom - pain / 10 * chart.Height);
        using (var caution = Fill(CautionBand))
            canvas.DrawRect(new SKRect(chart.Left, Y(picture.StopFrom), chart.Right, Y(picture.CautionFrom)), caution);
        using (var stop = Fill(StopBand))
            canvas.DrawRect(new SKRect(chart.Left, Y(10), chart.Right, Y(picture.StopFrom)), stop);
        using (var grid = Stroke(new SKColor(0xdd, 0xe1, 0xe5), 1.5f))
            foreach (var score in GridScores)
                canvas.DrawLine(chart.Left, Y(score), chart.Right, Y(score), grid);
        foreach (var score in GridScores.Append(picture.CautionFrom).Append(picture.StopFrom).Distinct())
            DrawText(canvas, score.ToString(System.Globalization.CultureInfo.InvariantCulture), chart.Left - 10, Y(score) + 8, 24,
                score == picture.CautionFrom || score == picture.StopFrom ? Bold.Value : Regular.Value, Ink, 40, SKTextAlign.Right);
        // The thresholds named at the right edge, in the band they begin.
        using (var line = Stroke(StoppedColour, 3))
            canvas.DrawLine(chart.Left, Y(picture.StopFrom), chart.Right, Y(picture.StopFrom), line);
        using (var line = Stroke(new SKColor(0xb8, 0x86, 0x00), 3))
        {
            line.PathEffect = SKPathEffect.CreateDash([10, 6], 0);
            canvas.DrawLine(chart.Left, Y(picture.CautionFrom), chart.Right, Y(picture.CautionFrom), line);
        }
        DrawText(canvas, labels.PainStop, chart.Right + 10, Y(picture.StopFrom) + 8, 22, Bold.Value, Ink, Width - Margin - chart.Right - 10);
        DrawText(canvas, labels.PainCaution, chart.Right + 10, Y(picture.CautionFrom) + 8, 22, Bold.Value, Ink, Width - Margin - chart.Right - 10);

        var days = picture.Span.Days;
        var step = chart.Width / days;
        float X(SessionPain s) => chart.Left + (s.Date.DayNumber - picture.Span.From.DayNumber + 0.5f) * step
            + (s.SessionNumber - 1) * 4;
        // Week boundaries, each week named by its Monday's day of the month, as in the calendar above.
        using (var week = Stroke(new SKColor(0xc4, 0xca, 0xd0), 1.5f))
        {
            week.PathEffect = SKPathEffect.CreateDash([4, 5], 0);
            for (var w = 1; w < ProgressPicture.Weeks; w++)
                canvas.DrawLine(chart.Left + w * 7 * step, chart.Top, chart.Left + w * 7 * step, chart.Bottom, week);
        }
        for (var w = 0; w < ProgressPicture.Weeks; w++)
            DrawText(canvas, picture.Span.From.AddDays(7 * w).Day.ToString(System.Globalization.CultureInfo.InvariantCulture),
                chart.Left + w * 7 * step + 4, chart.Bottom + 28, 22, Regular.Value, Ink, 7 * step, SKTextAlign.Left);
        if (picture.Pain.Count == 0)
        {
            DrawText(canvas, labels.PainNone, chart.MidX, chart.MidY + 9, 24, Regular.Value, Ink, chart.Width - 20, SKTextAlign.Center);
            return;
        }
        using (var change = Stroke(Quiet, 3))
            foreach (var s in picture.Pain.Where(s => s.Before is not null && s.After is not null))
                canvas.DrawLine(X(s), Y(s.Before!.Value), X(s), Y(s.After!.Value), change);
        using (var trend = Stroke(Ink, 2.5f))
        {
            using var path = new SKPathBuilder();
            var points = picture.Pain.Where(s => s.After is not null).Select(s => new SKPoint(X(s), Y(s.After!.Value))).ToList();
            if (points.Count > 1)
            {
                path.MoveTo(points[0]);
                foreach (var point in points.Skip(1))
                    path.LineTo(point);
                using var shape = path.Snapshot();
                canvas.DrawPath(shape, trend);
            }
        }
        foreach (var s in picture.Pain)
        {
            if (s.Before is { } before)
                DrawBefore(canvas, X(s), Y(before), 8);
            if (s.After is { } after)
                DrawAfter(canvas, X(s), Y(after), 8);
        }
    }

    /// <summary>One shape per mark, so a day reads by its shape as well as by its colour.</summary>
    internal static void DrawMark(SKCanvas canvas, PictureDayMark mark, float cx, float cy, float r)
    {
        switch (mark)
        {
            case PictureDayMark.Done:
                using (var fill = Fill(DoneColour))
                    canvas.DrawCircle(cx, cy, r, fill);
                using (var tick = Stroke(SKColors.White, r * 0.28f))
                {
                    tick.StrokeJoin = SKStrokeJoin.Round;
                    using var path = new SKPathBuilder();
                    path.MoveTo(new SKPoint(cx - r * 0.5f, cy + r * 0.02f));
                    path.LineTo(new SKPoint(cx - r * 0.12f, cy + r * 0.42f));
                    path.LineTo(new SKPoint(cx + r * 0.55f, cy - r * 0.38f));
                    using var shape = path.Snapshot();
                    canvas.DrawPath(shape, tick);
                }
                break;
            case PictureDayMark.PartlyDone:
                using (var fill = Fill(DoneColour))
                    canvas.DrawArc(new SKRect(cx - r, cy - r, cx + r, cy + r), 90, 180, true, fill);
                using (var ring = Stroke(DoneColour, r * 0.2f))
                    canvas.DrawCircle(cx, cy, r * 0.9f, ring);
                break;
            case PictureDayMark.Skipped:
                using (var ring = Stroke(SkippedColour, r * 0.2f))
                    canvas.DrawCircle(cx, cy, r * 0.9f, ring);
                using (var bar = Stroke(SkippedColour, r * 0.3f))
                    canvas.DrawLine(cx - r * 0.5f, cy, cx + r * 0.5f, cy, bar);
                break;
            case PictureDayMark.StoppedForSafety:
                using (var fill = Fill(StoppedColour))
                using (var octagon = new SKPathBuilder())
                {
                    for (var k = 0; k < 8; k++)
                    {
                        var angle = Math.PI / 8 + k * Math.PI / 4;
                        var point = new SKPoint(cx + r * (float)Math.Cos(angle), cy + r * (float)Math.Sin(angle));
                        if (k == 0)
                            octagon.MoveTo(point);
                        else
                            octagon.LineTo(point);
                    }
                    octagon.Close();
                    using var shape = octagon.Snapshot();
                    canvas.DrawPath(shape, fill);
                }
                using (var bar = Stroke(SKColors.White, r * 0.3f))
                    canvas.DrawLine(cx - r * 0.5f, cy, cx + r * 0.5f, cy, bar);
                break;
            case PictureDayMark.Missed:
                using (var cross = Stroke(MissedColour, r * 0.3f))
                {
                    canvas.DrawLine(cx - r * 0.6f, cy - r * 0.6f, cx + r * 0.6f, cy + r * 0.6f, cross);
                    canvas.DrawLine(cx - r * 0.6f, cy + r * 0.6f, cx + r * 0.6f, cy - r * 0.6f, cross);
                }
                break;
            case PictureDayMark.NotPlanned:
                using (var dot = Fill(Quiet))
                    canvas.DrawCircle(cx, cy, r * 0.3f, dot);
                break;
            default:
                using (var ring = Stroke(Quiet, r * 0.14f))
                {
                    ring.PathEffect = SKPathEffect.CreateDash([r * 0.35f, r * 0.25f], 0);
                    canvas.DrawCircle(cx, cy, r * 0.85f, ring);
                }
                break;
        }
    }

    private static void DrawBefore(SKCanvas canvas, float x, float y, float r)
    {
        using var fill = Fill(PictureStyle.Background);
        canvas.DrawCircle(x, y, r, fill);
        using var ring = Stroke(SkippedColour, 3.5f);
        canvas.DrawCircle(x, y, r, ring);
    }

    private static void DrawAfter(SKCanvas canvas, float x, float y, float r)
    {
        using var fill = Fill(Ink);
        canvas.DrawRect(new SKRect(x - r, y - r, x + r, y + r), fill);
    }

    /// <summary>Draws one line of text, made smaller (not below 70%) until it fits <paramref name="maxWidth"/>; returns its width.</summary>
    private static float DrawText(SKCanvas canvas, string text, float x, float y, float size, SKTypeface typeface, SKColor colour,
        float maxWidth, SKTextAlign align = SKTextAlign.Left)
    {
        using var font = new SKFont(typeface, size) { Subpixel = true };
        var width = font.MeasureText(text);
        if (width > maxWidth)
        {
            font.Size = Math.Max(size * 0.7f, size * maxWidth / width);
            width = font.MeasureText(text);
        }
        using var paint = new SKPaint { Color = colour, IsAntialias = true };
        canvas.DrawText(text, x, y, align, font, paint);
        return width;
    }

    private static SKPaint Fill(SKColor colour) => new() { Color = colour, IsAntialias = true, Style = SKPaintStyle.Fill };

    private static SKPaint Stroke(SKColor colour, float width) => new()
    {
        Color = colour, IsAntialias = true, Style = SKPaintStyle.Stroke, StrokeWidth = width, StrokeCap = SKStrokeCap.Round,
    };

    private static SKRect Inset(SKRect rect, float by) => new(rect.Left + by, rect.Top + by, rect.Right - by, rect.Bottom - by);

    private static SKTypeface Font(string name)
    {
        using var stream = typeof(ProgressPictureRenderer).Assembly.GetManifestResourceStream($"HepBot.Pictures.Fonts.{name}.ttf")
            ?? throw new InvalidOperationException($"The font {name} is not embedded in HepBot.Pictures.");
        return SKTypeface.FromStream(stream) ?? throw new InvalidOperationException($"The font {name} could not be read.");
    }
}
