using HepBot.Pictures;
using SkiaSharp;

namespace HepBot.Channels.Tests.Telegram;

/// <summary>Alex asks for his progress on Telegram: the picture arrives as a photo, the same in words right after it.</summary>
public sealed class TelegramProgressPictureTests
{
    [Fact]
    public async Task Progress_on_Telegram_is_a_photo_uploaded_and_then_the_text_beside_it()
    {
        await using var chat = await TelegramBotHarness.StartAsync();
        await chat.SayAsync($"/start {chat.Clinic.InvitationCode}");
        await chat.PressAsync("yes");
        await chat.PressAsync("keep");

        await chat.SayAsync("/progress");

        Assert.Equal(["sendPhoto", "sendMessage"], chat.Replies.Select(c => c.Method));
        var photo = chat.Replies[0];
        Assert.True(photo.Uploaded);
        Assert.Null(photo.Field("caption"));
        using var bitmap = SKBitmap.Decode(photo.UploadedBytes);
        Assert.Equal((ProgressPictureRenderer.Width, ProgressPictureRenderer.Height), (bitmap.Width, bitmap.Height));
        Assert.StartsWith("Your progress this week:\nTraining days done: 0 of 3.", chat.Transcript);
        Assert.Contains("\nLast 4 weeks: ", chat.Transcript);

        // A picture made for one patient is not remembered by file_id: the next one is uploaded again.
        await chat.SayAsync("/progress");
        Assert.True(chat.Replies[0].Uploaded);
    }
}
