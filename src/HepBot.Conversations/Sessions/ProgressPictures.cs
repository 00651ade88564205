using System.Globalization;
using HepBot.Conversations.Bot;
using HepBot.Conversations.DialogLayer;
using HepBot.Core.Adherence;
using HepBot.Pictures;
using Microsoft.Bot.Builder;
using Microsoft.Bot.Schema;

namespace HepBot.Conversations.Sessions;

/// <summary>
/// The addresses a web channel (Teams) loads a patient's progress picture from. The host signs them, so they can be
/// neither guessed nor used after they expire; without a public address there are none.
/// </summary>
public interface IProgressPictureLinks
{
    /// <returns>The https address of the picture of <paramref name="patientId"/>'s four weeks up to <paramref name="today"/>, or null.</returns>
    string? For(Guid patientId, DateOnly today, string language);
}

/// <summary>
/// The progress picture (<see cref="ProgressPictureRenderer"/>) in the patient's language, and as the attachment of
/// the progress message for the turn's channel: Telegram and the chat verb get the PNG itself, inline; a web channel
/// (Teams) gets a signed address on HepBot's public host, inside the card, with its alt text — or no picture when
/// HepBot has no public address, as with exercise pictures.
/// </summary>
public sealed class ProgressPictures(Phrases phrases, IProgressPictureLinks? links = null)
{
    public const string ContentType = "image/png";

    public byte[] Render(ProgressPicture picture, string? locale) => ProgressPictureRenderer.Render(picture, Labels(locale, picture));

    /// <summary>The picture's words; the thresholds are named with <paramref name="picture"/>'s scores.</summary>
    public ProgressPictureLabels Labels(string? locale, ProgressPicture picture)
    {
        var catalog = phrases.Catalog;
        string Get(string key) => catalog.Get(locale, "progress.picture." + key);
        var culture = CultureInfo.GetCultureInfo(catalog.ResolveLanguage(locale));
        return new ProgressPictureLabels(
            Get("title"),
            catalog.Get(locale, "progress.picture.dates",
                ("from", picture.Span.From.ToString("d MMM", culture)), ("to", picture.Span.To.ToString("d MMM", culture))),
            Get("days").Split(',', StringSplitOptions.TrimEntries),
            ProgressPicture.LegendOrder.ToDictionary(m => m, m => Get(MarkKey(m))),
            Get("today"),
            Get("painTitle"),
            Get("painBefore"),
            Get("painAfter"),
            catalog.Get(locale, "progress.picture.painCaution", ("score", picture.CautionFrom)),
            catalog.Get(locale, "progress.picture.painStop", ("score", picture.StopFrom)),
            Get("painNone"));
    }

    public Attachment? Attachment(ITurnContext turn, Guid patientId, PatientProgress report)
    {
        var locale = turn.Activity.Locale;
        if (ExerciseMediaLocator.IsWebChannel(turn.Activity.ChannelId))
        {
            var language = phrases.Catalog.ResolveLanguage(locale);
            return links?.For(patientId, report.Picture.Today, language) is { } url
                ? new Attachment { ContentType = ContentType, ContentUrl = url, Name = phrases.Get(turn, "progress.picture.alt") }
                : null;
        }
        return new Attachment { ContentType = ContentType, ContentUrl = DataUri.Create(ContentType, Render(report.Picture, locale)) };
    }

    internal static string MarkKey(PictureDayMark mark) => mark switch
    {
        PictureDayMark.Done => "done",
        PictureDayMark.PartlyDone => "partlyDone",
        PictureDayMark.Skipped => "skipped",
        PictureDayMark.StoppedForSafety => "stoppedForSafety",
        PictureDayMark.Missed => "missed",
        PictureDayMark.NotPlanned => "notPlanned",
        _ => "future",
    };
}
