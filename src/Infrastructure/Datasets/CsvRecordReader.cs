using System.Buffers;

namespace HnlService.Infrastructure.Datasets;

/// <summary>
/// Streaming RFC 4180 reader over UTF-8 bytes: comma separator, double-quoted fields with <c>""</c> escapes and
/// line breaks inside quotes, records ended by LF or CRLF, a leading byte order mark skipped. Only the current
/// record is held in memory.
/// </summary>
internal sealed class CsvRecordReader : IDisposable
{
    private static readonly SearchValues<byte> Specials = SearchValues.Create(",\n\r\""u8);

    private readonly Stream stream;

    private readonly byte[] buffer = new byte[1 << 16];

    private int position;

    private int length;

    private bool started;

    private byte[] record = new byte[1 << 12];

    private int recordLength;

    private int[] fieldStarts = new int[64];

    private int[] fieldEnds = new int[64];

    public CsvRecordReader(Stream stream)
    {
        this.stream = stream;
    }

    public int FieldCount { get; private set; }

    /// <summary>The UTF-8 bytes of a field of the current record, quotes removed and escapes resolved.</summary>
    public ReadOnlySpan<byte> Field(int index) => record.AsSpan(fieldStarts[index], fieldEnds[index] - fieldStarts[index]);

    /// <summary>True when the current record is an empty line (one empty, unquoted field).</summary>
    public bool IsBlankLine { get; private set; }

    /// <summary>Reads the next record; false at the end of the input.</summary>
    public bool ReadRecord()
    {
        if (!started)
        {
            started = true;
            if (Fill() && buffer.AsSpan(0, length).StartsWith("\uFEFF"u8))
            {
                position = 3;
            }
        }

        if (position == length && !Fill())
        {
            return false;
        }

        recordLength = 0;
        FieldCount = 0;
        var sawQuote = false;
        StartField();

        while (true)
        {
            if (position == length && !Fill())
            {
                EndField();
                return Finish(sawQuote);
            }

            var pending = buffer.AsSpan(position, length - position);
            var special = pending.IndexOfAny(Specials);
            var plain = special < 0 ? pending.Length : special;
            Append(pending[..plain]);
            position += plain;
            if (special < 0)
            {
                continue;
            }

            var next = buffer[position++];
            switch (next)
            {
                case (byte)',':
                    EndField();
                    StartField();
                    break;
                case (byte)'\n':
                    EndField();
                    return Finish(sawQuote);
                case (byte)'\r':
                    EndField();
                    if ((position < length || Fill()) && buffer[position] == (byte)'\n') position++;
                    return Finish(sawQuote);
                default:
                    sawQuote = true;
                    ReadQuoted();
                    break;
            }
        }
    }

    public void Dispose() => stream.Dispose();

    private bool Finish(bool sawQuote)
    {
        IsBlankLine = FieldCount == 1 && recordLength == 0 && !sawQuote;
        return true;
    }

    /// <summary>Copies a quoted section up to its closing quote; a doubled quote inside stands for one quote.</summary>
    private void ReadQuoted()
    {
        while (true)
        {
            if (position == length && !Fill())
            {
                throw new DatasetValidationException("invalid-format", "The CSV file ends inside a quoted field; a closing double quote is missing.");
            }

            var pending = buffer.AsSpan(position, length - position);
            var quote = pending.IndexOf((byte)'"');
            var plain = quote < 0 ? pending.Length : quote;
            Append(pending[..plain]);
            position += plain;
            if (quote < 0)
            {
                continue;
            }

            position++;
            if ((position < length || Fill()) && buffer[position] == (byte)'"')
            {
                Append("\""u8);
                position++;
                continue;
            }

            return;
        }
    }

    private bool Fill()
    {
        if (position < length)
        {
            return true;
        }

        position = 0;
        length = stream.Read(buffer, 0, buffer.Length);
        return length > 0;
    }

    private void Append(ReadOnlySpan<byte> bytes)
    {
        if (recordLength + bytes.Length > record.Length)
        {
            Array.Resize(ref record, Math.Max(record.Length * 2, recordLength + bytes.Length));
        }

        bytes.CopyTo(record.AsSpan(recordLength));
        recordLength += bytes.Length;
    }

    private void StartField()
    {
        if (FieldCount == fieldStarts.Length)
        {
            Array.Resize(ref fieldStarts, fieldStarts.Length * 2);
            Array.Resize(ref fieldEnds, fieldEnds.Length * 2);
        }

        fieldStarts[FieldCount] = recordLength;
    }

    private void EndField()
    {
        fieldEnds[FieldCount] = recordLength;
        FieldCount++;
    }
}
