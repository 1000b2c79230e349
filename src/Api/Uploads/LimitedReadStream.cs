using HnlService.Api.Errors;

namespace HnlService.Api.Uploads;

/// <summary>
/// A read-only view of an upload that throws <see cref="PayloadTooLargeException"/> once more than the
/// limit has been read. It enforces the limit on hosts without Kestrel's per-request body limit too.
/// </summary>
public sealed class LimitedReadStream(Stream inner, long limitBytes) : Stream
{
    private long bytesRead;

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => bytesRead;
        set => throw new NotSupportedException();
    }

    public override int Read(byte[] buffer, int offset, int count) => Count(inner.Read(buffer, offset, count));

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
        Count(await inner.ReadAsync(buffer, cancellationToken));

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    private int Count(int read)
    {
        bytesRead += read;
        if (bytesRead > limitBytes)
        {
            throw new PayloadTooLargeException(limitBytes);
        }

        return read;
    }
}
