using HepBot.Core.Adherence;
using HepBot.Core.Prescriptions;
using HepBot.Core.Sessions;
using SkiaSharp;

namespace HepBot.Pictures.Tests;

public sealed class ProgressPictureRendererTests
{
    // A daily program from Monday 2 November 2026; "today" is Wednesday 25 November.
    private static readonly DateOnly Start = new(2026, 11, 2);
    private static readonly DateOnly Today = new(2026, 11, 25);

    internal static readonly ProgressPictureLabels English = new(
        "Your last 4 weeks", "2 Nov to 29 Nov", ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"],
        new Dictionary<PictureDayMark, string>
        {
            [PictureDayMark.Done] = "Done", [PictureDayMark.PartlyDone] = "Partly done", [PictureDayMark.Skipped] = "Skipped",
            [PictureDayMark.StoppedForSafety] = "Stopped for safety", [PictureDayMark.Missed] = "Missed",
            [PictureDayMark.NotPlanned] = "Rest day", [PictureDayMark.Future] = "Still to come",
        },
        "Today", "Your pain (0 to 10)", "before", "after the session", "4 take care", "6 stop", "No pain answers yet");

    private static ProgressPicture Month(params SessionRecord[] sessions) => ProgressPicture.Plan(
        new AdherenceHistory([new ProgramPeriod(Start, null, new PrescriptionSchedule(1, TrainingDays.Every, Start, null), 3)], sessions, [], []),
        Today, cautionFrom: 4, stopFrom: 6);

    private static SessionRecord Done(int day, int before, int after) =>
        new(Start.AddDays(day), 1, 3, 3, SessionStatus.Completed, [before, after], PainBefore: before, PainAfter: after);

    [Fact]
    public void The_picture_is_a_phone_sized_png_with_done_days_green_and_missed_days_purple()
    {
        var picture = Month(Done(0, 5, 4), Done(1, 5, 3), Done(2, 4, 3),
            new(Start.AddDays(4), 1, 3, 1, SessionStatus.StoppedForSafety, [4, 7], PainBefore: 4, PainAfter: 7));

        var png = ProgressPictureRenderer.Render(picture, English);

        using var bitmap = SKBitmap.Decode(png);
        Assert.Equal((ProgressPictureRenderer.Width, ProgressPictureRenderer.Height), (bitmap.Width, bitmap.Height));
        var colours = Colours(bitmap);
        Assert.True(colours.Count > 20, $"The picture has {colours.Count} colours: it looks blank.");
        Assert.Contains(ProgressPictureRenderer.DoneColour, colours);
        Assert.Contains(ProgressPictureRenderer.MissedColour, colours);
        Assert.Contains(ProgressPictureRenderer.StoppedColour, colours);
        Assert.NotEqual(ProgressPictureRenderer.DoneColour, ProgressPictureRenderer.MissedColour);
    }

    [Fact]
    public void A_month_without_any_missed_day_has_no_missed_colour_and_a_first_week_has_no_done_colour()
    {
        var allDone = Month([.. Enumerable.Range(0, 23).Select(d => Done(d, 3, 2))]);
        var nothingYet = Month();

        var allDoneColours = Colours(SKBitmap.Decode(ProgressPictureRenderer.Render(allDone, English)));
        var nothingColours = Colours(SKBitmap.Decode(ProgressPictureRenderer.Render(nothingYet, English)));

        // The legend shows every mark once; the calendar adds many more pixels of the colours it uses.
        Assert.True(Share(allDoneColours, ProgressPictureRenderer.DoneColour) > 3 * Share(nothingColours, ProgressPictureRenderer.DoneColour));
        Assert.True(Share(nothingColours, ProgressPictureRenderer.MissedColour) > 3 * Share(allDoneColours, ProgressPictureRenderer.MissedColour));
    }

    [Fact]
    public void The_same_picture_draws_the_same_bytes()
    {
        var picture = Month(Done(0, 5, 4));

        Assert.Equal(ProgressPictureRenderer.Render(picture, English), ProgressPictureRenderer.Render(picture, English));
    }

    private static Dictionary<SKColor, int> Colours(SKBitmap bitmap)
    {
        var counts = new Dictionary<SKColor, int>();
        for (var y = 0; y < bitmap.Height; y += 1)
            for (var x = 0; x < bitmap.Width; x += 1)
            {
                var colour = bitmap.GetPixel(x, y);
                counts[colour] = counts.GetValueOrDefault(colour) + 1;
            }
        bitmap.Dispose();
        return counts;
    }

    private static int Share(Dictionary<SKColor, int> colours, SKColor colour) => colours.GetValueOrDefault(colour);
}
