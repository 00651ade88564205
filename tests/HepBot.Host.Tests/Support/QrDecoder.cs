using StbImageSharp;
using ZXing;
using ZXing.Common;
using ZXing.QrCode;

namespace HepBot.Host.Tests.Support;

/// <summary>Reads a QR code back from a PNG (a rendered code or a screenshot), as a phone camera would.</summary>
public static class QrDecoder
{
    /// <returns>The text the QR code holds, or null when no QR code is found.</returns>
    public static string? Decode(byte[] png)
    {
        var image = ImageResult.FromMemory(png, ColorComponents.RedGreenBlueAlpha);
        var source = new RGBLuminanceSource(image.Data, image.Width, image.Height, RGBLuminanceSource.BitmapFormat.RGBA32);
        var hints = new Dictionary<DecodeHintType, object> { [DecodeHintType.TRY_HARDER] = true };
        return new QRCodeReader().decode(new BinaryBitmap(new HybridBinarizer(source)), hints)?.Text;
    }
}
