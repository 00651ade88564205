using Microsoft.AspNetCore.Http;

namespace HepBot.Channels.Tests;

/// <summary>A request body is read up to its limit and no further, so a 25 MB upload costs the host at most the limit.</summary>
public sealed class BoundedBodyTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_body_over_the_limit_is_refused_after_reading_little_more_than_the_limit()
    {
        var body = new EndlessStream(25 * 1024 * 1024);
        var http = new DefaultHttpContext { RequestAborted = Ct };
        http.Request.Body = body;

        Assert.Null(await BoundedBody.ReadAsync(http, 1024 * 1024));
        Assert.InRange(body.BytesRead, 1024 * 1024, 1024 * 1024 + 16 * 1024);
    }

    [Fact]
    public async Task An_announced_length_over_the_limit_is_refused_before_reading()
    {
        var body = new EndlessStream(25 * 1024 * 1024);
        var http = new DefaultHttpContext { RequestAborted = Ct };
        http.Request.Body = body;
        http.Request.ContentLength = body.Length;

        Assert.Null(await BoundedBody.ReadAsync(http, 1024 * 1024));
        Assert.Equal(0, body.BytesRead);
    }

    [Fact]
    public async Task A_body_within_the_limit_is_read_whole()
    {
        var http = new DefaultHttpContext { RequestAborted = Ct };
        http.Request.Body = new MemoryStream(new byte[1024 * 1024]);

        Assert.Equal(1024 * 1024, (await BoundedBody.ReadAsync(http, 1024 * 1024))!.Length);
    }

    /// <summary>A stream of zeros of a given length that counts what was read from it.</summary>
    private sealed class EndlessStream(long length) : Stream
    {
        public long BytesRead { get; private set; }
        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => length;
        public override long Position { get => BytesRead; set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count)
        {
            var n = (int)Math.Min(count, length - BytesRead);
            Array.Clear(buffer, offset, n);
            BytesRead += n;
            return n;
        }

        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
