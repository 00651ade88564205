using SixLabors.ImageSharp;
using SixLabors.ImageSharp.Formats.Gif;
using SixLabors.ImageSharp.PixelFormats;
using SixLabors.ImageSharp.Processing.Processors.Quantization;
using SkiaSharp;

namespace HepBot.Pictures;

/// <summary>
/// Draws an exercise from its pose data: a still (start and end side by side, with the motion arrow) and a
/// looping animation. The same pose data, style and side always give the same bytes.
/// </summary>
public static class ExerciseDrawing
{
    public static int StillWidth => PictureStyle.Width * 2;
    public static int AnimationFrameCount => FigureScene.AnimationFrames;
    /// <summary>Length of one loop of the animation.</summary>
    public static TimeSpan AnimationLength => TimeSpan.FromMilliseconds(FigureScene.AnimationFrames * FigureScene.FrameDelay * 10);

    /// <summary>A PNG, <see cref="StillWidth"/> × <see cref="PictureStyle.Height"/>: the start pose, then the end pose with the arrow.</summary>
    public static byte[] Still(ExercisePoses poses, PictureStyle style, BodySide side)
    {
        using var bitmap = StillBitmap(poses, style, side);
        using var image = SKImage.FromBitmap(bitmap);
        using var png = image.Encode(SKEncodedImageFormat.Png, 100);
        return png.ToArray();
    }

    internal static SKBitmap StillBitmap(ExercisePoses poses, PictureStyle style, BodySide side)
    {
        var scene = new FigureScene(poses);
        var renderer = new FigureRenderer(scene, style, side == BodySide.Left);
        var bitmap = new SKBitmap(new SKImageInfo(StillWidth, PictureStyle.Height, SKColorType.Rgba8888, SKAlphaType.Premul));
        using var canvas = new SKCanvas(bitmap);
        canvas.Clear(PictureStyle.Background);
        using (var panel = new SKAutoCanvasRestore(canvas))
        {
            canvas.ClipRect(new SKRect(0, 0, PictureStyle.Width, PictureStyle.Height));
            renderer.Draw(canvas, poses.Poses[poses.StillFrom], arrow: false);
        }
        using (var panel = new SKAutoCanvasRestore(canvas))
        {
            canvas.Translate(PictureStyle.Width, 0);
            canvas.ClipRect(new SKRect(0, 0, PictureStyle.Width, PictureStyle.Height));
            renderer.Draw(canvas, poses.Poses[poses.StillTo], arrow: true, ghost: poses.Poses[poses.StillFrom]);
        }
        // A quiet divider between the two moments.
        using var divider = new SKPaint { Color = PictureStyle.Floor.WithAlpha(120), StrokeWidth = 1.5f, IsAntialias = true };
        canvas.DrawLine(PictureStyle.Width, 24, PictureStyle.Width, PictureStyle.Height - 24, divider);
        canvas.Flush();
        return bitmap;
    }

    /// <summary>A looping GIF, <see cref="PictureStyle.Width"/> × <see cref="PictureStyle.Height"/>, eased between the key poses.</summary>
    public static byte[] Animation(ExercisePoses poses, PictureStyle style, BodySide side)
    {
        var scene = new FigureScene(poses);
        var renderer = new FigureRenderer(scene, style, side == BodySide.Left);
        var info = new SKImageInfo(PictureStyle.Width, PictureStyle.Height, SKColorType.Rgba8888, SKAlphaType.Premul);
        using var bitmap = new SKBitmap(info);
        using var canvas = new SKCanvas(bitmap);
        using var gif = new Image<Rgba32>(PictureStyle.Width, PictureStyle.Height);
        var metadata = gif.Metadata.GetGifMetadata();
        metadata.RepeatCount = 0;
        metadata.ColorTableMode = GifColorTableMode.Global;
        foreach (var pose in scene.AnimationPoses())
        {
            renderer.Draw(canvas, pose, arrow: false);
            canvas.Flush();
            using var frame = Image.LoadPixelData<Rgba32>(bitmap.GetPixelSpan(), PictureStyle.Width, PictureStyle.Height);
            frame.Frames.RootFrame.Metadata.GetGifMetadata().FrameDelay = FigureScene.FrameDelay;
            gif.Frames.AddFrame(frame.Frames.RootFrame);
        }
        gif.Frames.RemoveFrame(0);
        using var output = new MemoryStream();
        gif.SaveAsGif(output, new GifEncoder
        {
            ColorTableMode = GifColorTableMode.Global,
            // The drawing's own colours and their soft edges: no colour search per frame, no dithering noise.
            Quantizer = new PaletteQuantizer(Palette(style), new QuantizerOptions { Dither = null }),
        });
        return output.ToArray();
    }

    private static Color[] Palette(PictureStyle style)
    {
        SKColor[] inks =
        [
            PictureStyle.Body, PictureStyle.BodyFar, style.Accent, style.AccentFar, style.Arrow, PictureStyle.Prop, PictureStyle.PropPale,
            PictureStyle.PropEdge, PictureStyle.Floor, FigureRenderer.Darker(PictureStyle.Body), FigureRenderer.Darker(style.Accent),
        ];
        var colours = new List<Color> { Color.White };
        foreach (var ink in inks)
            foreach (var t in new[] { 1.0, 0.75, 0.5, 0.25 })
                colours.Add(Blend(ink, t));
        colours.Add(Blend(style.Accent, style.AccentGhost.Alpha / 255.0));
        foreach (var hand in new[] { PictureStyle.Body, PictureStyle.BodyFar, style.Accent, style.AccentFar })
        {
            var palm = PictureStyle.Palm(hand);
            colours.Add(Color.FromRgb(palm.Red, palm.Green, palm.Blue));
        }
        foreach (var t in new[] { 0.75, 0.5, 0.25 })
            colours.Add(Color.FromRgb(
                (byte)(PictureStyle.Body.Red * t + PictureStyle.Prop.Red * (1 - t)),
                (byte)(PictureStyle.Body.Green * t + PictureStyle.Prop.Green * (1 - t)),
                (byte)(PictureStyle.Body.Blue * t + PictureStyle.Prop.Blue * (1 - t))));
        return [.. colours.Distinct()];
    }

    private static Color Blend(SKColor ink, double t) => Color.FromRgb(
        (byte)Math.Round(255 + (ink.Red - 255) * t), (byte)Math.Round(255 + (ink.Green - 255) * t), (byte)Math.Round(255 + (ink.Blue - 255) * t));

    /// <summary>
    /// Every exercise's still on one page with its name under it, for a physiotherapist to review the drawings
    /// (the pictures themselves carry no text; the sheet's labels are its only words).
    /// </summary>
    public static byte[] Sheet(IReadOnlyList<(ExercisePoses Poses, string Label)> exercises, PictureStyle style, int columns = 3)
    {
        const float cellWidth = 480, pictureHeight = 160, labelHeight = 34, gap = 12;
        var rows = (exercises.Count + columns - 1) / columns;
        var width = (int)(columns * cellWidth + (columns + 1) * gap);
        var height = (int)(rows * (pictureHeight + labelHeight) + (rows + 1) * gap);
        using var bitmap = new SKBitmap(new SKImageInfo(width, height, SKColorType.Rgba8888, SKAlphaType.Premul));
        using var canvas = new SKCanvas(bitmap);
        canvas.Clear(new SKColor(0xf3, 0xf5, 0xf6));
        using var font = new SKFont(SKTypeface.FromFamilyName("DejaVu Sans") ?? SKTypeface.Default, 17);
        using var ink = new SKPaint { Color = PictureStyle.Body, IsAntialias = true };
        using var sampling = new SKPaint { IsAntialias = true };
        for (var i = 0; i < exercises.Count; i++)
        {
            var (x, y) = (gap + i % columns * (cellWidth + gap), gap + i / columns * (pictureHeight + labelHeight + gap));
            using var still = StillBitmap(exercises[i].Poses, style, BodySide.Right);
            using var image = SKImage.FromBitmap(still);
            canvas.DrawImage(image, new SKRect(x, y, x + cellWidth, y + pictureHeight), new SKSamplingOptions(SKCubicResampler.Mitchell), sampling);
            canvas.DrawText(exercises[i].Label, x + cellWidth / 2, y + pictureHeight + 24, SKTextAlign.Center, font, ink);
        }
        canvas.Flush();
        using var snapshot = SKImage.FromBitmap(bitmap);
        using var png = snapshot.Encode(SKEncodedImageFormat.Png, 100);
        return png.ToArray();
    }
}
