namespace HepBot.Channels.Teams.Package;

/// <summary>
/// HepBot's two Teams icons, drawn from the same shapes: a speech bubble with a tick (a chat that checks
/// off your exercises). The colour icon is a white bubble on the accent colour, 192×192, the bubble inside
/// the central 120×120 safe area Teams' icon guidance asks for (Teams masks the square's corners); the
/// outline icon is the bubble's white outline on transparency, 32×32, inside the central 28×28 so no
/// stroke touches the edge.
/// </summary>
public static class TeamsIcons
{
    public const int ColorSize = 192;
    public const int ColorSafeArea = 120;
    public const int OutlineSize = 32;
    public const int OutlineSafeArea = 28;
    private const int Samples = 4; // per axis, for smooth edges

    // The shapes below are drawn in a unit square; this is the box they cover, scaled into a safe area.
    private const double SymbolLeft = 0.14, SymbolTop = 0.18, SymbolRight = 0.86, SymbolBottom = 0.86;

    public static byte[] Color(string accentColor)
    {
        var accent = ParseHex(accentColor);
        return Render(ColorSize, ColorSafeArea, (x, y) =>
        {
            if (Tick(x, y))
                return (accent, 1);
            return Bubble(x, y, inset: 0) ? ((255, 255, 255), 1) : (accent, 1);
        });
    }

    public static byte[] Outline() =>
        Render(OutlineSize, OutlineSafeArea, (x, y) =>
            (Bubble(x, y, inset: 0) && !Bubble(x, y, inset: 0.075)) || Tick(x, y) ? ((255, 255, 255), 1) : ((255, 255, 255), 0));

    /// <summary>
    /// Samples <paramref name="paint"/> with the symbol's box centred in the central
    /// <paramref name="safeArea"/> pixels (a 2% margin keeps smoothed edges inside too).
    /// </summary>
    private static byte[] Render(int size, int safeArea, Func<double, double, ((int R, int G, int B) Rgb, double Alpha)> paint)
    {
        var scale = 0.98 * safeArea / size / Math.Max(SymbolRight - SymbolLeft, SymbolBottom - SymbolTop);
        double centreX = (SymbolLeft + SymbolRight) / 2, centreY = (SymbolTop + SymbolBottom) / 2;
        return Render(size, (x, y) => paint(centreX + (x - 0.5) / scale, centreY + (y - 0.5) / scale));
    }

    /// <summary>Samples <paramref name="paint"/> in unit coordinates and writes the averaged pixels as a PNG.</summary>
    private static byte[] Render(int size, Func<double, double, ((int R, int G, int B) Rgb, double Alpha)> paint)
    {
        var pixels = new byte[size * size * 4];
        for (var py = 0; py < size; py++)
        {
            for (var px = 0; px < size; px++)
            {
                double r = 0, g = 0, b = 0, a = 0;
                for (var sy = 0; sy < Samples; sy++)
                {
                    for (var sx = 0; sx < Samples; sx++)
                    {
                        var (rgb, alpha) = paint((px + (sx + 0.5) / Samples) / size, (py + (sy + 0.5) / Samples) / size);
                        r += rgb.R * alpha;
                        g += rgb.G * alpha;
                        b += rgb.B * alpha;
                        a += alpha;
                    }
                }
                var i = (py * size + px) * 4;
                // Colours are averaged over the covered samples only, so edges stay white, not grey.
                pixels[i] = a == 0 ? (byte)0 : (byte)Math.Round(r / a);
                pixels[i + 1] = a == 0 ? (byte)0 : (byte)Math.Round(g / a);
                pixels[i + 2] = a == 0 ? (byte)0 : (byte)Math.Round(b / a);
                pixels[i + 3] = (byte)Math.Round(255 * a / (Samples * Samples));
            }
        }
        return PngEncoder.Encode(size, size, pixels);
    }

    /// <summary>A rounded rectangle with a tail at the lower left; <paramref name="inset"/> shrinks it for the outline's hole.</summary>
    private static bool Bubble(double x, double y, double inset)
    {
        double left = 0.14 + inset, top = 0.18 + inset, right = 0.86 - inset, bottom = 0.70 - inset, radius = Math.Max(0.12 - inset, 0.02);
        var nearestX = Math.Clamp(x, left + radius, right - radius);
        var nearestY = Math.Clamp(y, top + radius, bottom - radius);
        var inBody = x >= left && x <= right && y >= top && y <= bottom
            && Math.Pow(x - nearestX, 2) + Math.Pow(y - nearestY, 2) <= radius * radius;
        // The tail: a triangle below the body whose tip points down and left.
        double tailTop = bottom - 0.02, tailTipX = 0.24 + inset, tailTipY = 0.86 - 2 * inset, tailRight = 0.46 - inset;
        var inTail = y >= tailTop && y <= tailTipY && x >= tailTipX
            && x <= tailRight - (tailRight - tailTipX) * (y - tailTop) / (tailTipY - tailTop);
        return inBody || inTail;
    }

    private static bool Tick(double x, double y)
    {
        const double half = 0.045;
        return Near(x, y, 0.33, 0.45, 0.46, 0.57, half) || Near(x, y, 0.46, 0.57, 0.68, 0.32, half);
    }

    private static bool Near(double x, double y, double x1, double y1, double x2, double y2, double distance)
    {
        double dx = x2 - x1, dy = y2 - y1;
        var t = Math.Clamp(((x - x1) * dx + (y - y1) * dy) / (dx * dx + dy * dy), 0, 1);
        return Math.Pow(x - (x1 + t * dx), 2) + Math.Pow(y - (y1 + t * dy), 2) <= distance * distance;
    }

    private static (int R, int G, int B) ParseHex(string color) =>
        (Convert.ToInt32(color[1..3], 16), Convert.ToInt32(color[3..5], 16), Convert.ToInt32(color[5..7], 16));
}
