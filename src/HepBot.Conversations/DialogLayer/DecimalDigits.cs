using System.Globalization;
using System.Text;

namespace HepBot.Conversations.DialogLayer;

/// <summary>
/// Patients type numbers in their own script: fullwidth "１０" on a Japanese keyboard, Arabic-Indic "٣",
/// Devanagari "१०:३०". Every Unicode decimal digit (category Nd) is read as the digit it is, and the
/// fullwidth colon, full stop and slash as their ASCII forms, so parsers only ever see ASCII.
/// </summary>
public static class DecimalDigits
{
    public static string ToAscii(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        StringBuilder? ascii = null;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            var replacement = Replacement(text, i);
            if (replacement is null)
            {
                ascii?.Append(c);
                continue;
            }
            ascii ??= new StringBuilder(text.Length).Append(text, 0, i);
            ascii.Append(replacement.Value);
            if (char.IsHighSurrogate(c))
                i++;
        }
        return ascii?.ToString() ?? text;
    }

    private static char? Replacement(string text, int index)
    {
        var c = text[index];
        if (c is >= '0' and <= '9')
            return null;
        switch (c)
        {
            case '：':
                return ':';
            case '．':
                return '.';
            case '／':
                return '/';
            case '＋':
                return '+';
            case '－':
                return '-';
        }
        // Digits outside the BMP (e.g. mathematical digits) come as surrogate pairs.
        if (CharUnicodeInfo.GetUnicodeCategory(text, index) != UnicodeCategory.DecimalDigitNumber)
            return null;
        var value = CharUnicodeInfo.GetDecimalDigitValue(text, index);
        return value is >= 0 and <= 9 ? (char)('0' + value) : null;
    }
}
