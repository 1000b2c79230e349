using System.Net;
using HnlService.Api.Tests.Fixtures;

namespace HnlService.Api.Tests.Uploads;

/// <summary>Standalone SQLite mode with small configured limits.</summary>
public sealed class UploadLimitTests : IAsyncLifetime
{
    private readonly ApiFactory factory = new(null, new Dictionary<string, string?>
    {
        ["Upload:MaxDatasetBytes"] = "1000",
        ["Upload:MaxModelBytes"] = "500",
    });

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await factory.DisposeAsync();

    [Fact]
    public async Task DatasetUpload_Returns413_WhenMultipartFileExceedsLimit()
    {
        using var content = new MultipartFormDataContent { { new ByteArrayContent(new byte[5000]), "file", "big.csv" } };

        var response = await factory.CreateClient().PostAsync("/api/datasets", content);

        var problem = await response.ReadObjectAsync();
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Equal("payload-too-large", (string?)problem["code"]);
    }

    [Fact]
    public async Task DatasetUpload_Returns413_WhenRawBodyIsStreamedWithoutLength()
    {
        var content = new StreamContent(new ChunkedStream(5000));
        content.Headers.ContentType = new("text/csv");

        var response = await factory.CreateClient().PostAsync("/api/datasets?name=big.csv", content);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
    }

    [Fact]
    public async Task ModelUpload_Returns413_WhenFilesExceedLimit()
    {
        using var content = new MultipartFormDataContent { { new ByteArrayContent(new byte[2 * 1024 * 1024]), "files", "big.onnx" } };

        var response = await factory.CreateClient().PostAsync("/api/models", content);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
    }

    /// <summary>A body of unknown length, so only the streaming limit can stop it.</summary>
    private sealed class ChunkedStream(int length) : Stream
    {
        private int position;

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => position; set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count)
        {
            var read = Math.Min(count, length - position);
            Array.Fill(buffer, (byte)'1', offset, read);
            position += read;
            return read;
        }

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
