using SkiaSharp;

namespace HepBot.Pictures;

/// <summary>
/// The one drawing style of every exercise picture. <see cref="Version"/> is part of the cache key: change it
/// whenever the drawing code changes what it draws, so cached pictures are drawn again.
/// </summary>
public sealed record PictureStyle(string AccentColour)
{
    public const string Version = "figure-4";
    public const int Width = 480, Height = 320;

    public static readonly PictureStyle Default = new("#2e7d6b");

    public SKColor Accent => SKColor.TryParse(AccentColour, out var colour) ? colour : SKColor.Parse(Default.AccentColour);
    public SKColor AccentFar => Mix(Accent, SKColors.White, 0.45);
    public SKColor AccentGhost => Accent.WithAlpha(60);
    public SKColor Arrow => Mix(Accent, SKColors.Black, 0.25);

    public static readonly SKColor Background = SKColors.White;
    public static readonly SKColor Body = new(0x4f, 0x5b, 0x66);
    public static readonly SKColor BodyFar = new(0x9a, 0xa4, 0xad);
    public static readonly SKColor Prop = new(0xcf, 0xd4, 0xd8);
    public static readonly SKColor PropPale = new(0xe8, 0xeb, 0xed);
    public static readonly SKColor PropEdge = new(0xa7, 0xaf, 0xb6);
    public static readonly SKColor Floor = new(0xb4, 0xbb, 0xc1);

    public string CacheKeyPart => $"{Version}|{AccentColour.ToLowerInvariant()}|{Width}x{Height}";

    /// <summary>The palm side of a hand: a light tint of the hand's colour, so a palm turned up reads apart from the back of the hand.</summary>
    public static SKColor Palm(SKColor hand) => Mix(hand, SKColors.White, 0.6);

    public static bool IsColour(string text) => SKColor.TryParse(text, out _);

    private static SKColor Mix(SKColor a, SKColor b, double t) => new(
        (byte)Math.Round(a.Red + (b.Red - a.Red) * t),
        (byte)Math.Round(a.Green + (b.Green - a.Green) * t),
        (byte)Math.Round(a.Blue + (b.Blue - a.Blue) * t));
}
