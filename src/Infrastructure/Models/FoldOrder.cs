namespace HnlService.Infrastructure.Models;

/// <summary>
/// Output positions grouped by fold remainder (event mod K), each fold keeping the positions in
/// ascending order, with the dataset row of each position alongside. The buffers are reused across
/// requests and grown when a request has more rows. Not thread-safe while <see cref="Group"/> runs.
/// </summary>
internal sealed class FoldOrder
{
    private readonly int _foldModulus;
    private readonly int[] _foldStarts;
    private readonly int[] _foldNext;
    private int[] _rowFolds = [];
    private int[] _positions = [];
    private int[] _sourceRows = [];

    public FoldOrder(int foldModulus)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(foldModulus, 1);

        _foldModulus = foldModulus;
        _foldStarts = new int[foldModulus + 1];
        _foldNext = new int[foldModulus];
    }

    /// <summary>Output positions, fold by fold: fold k is Positions[FoldStart(k)..FoldStart(k + 1)).</summary>
    public int[] Positions => _positions;

    /// <summary>The dataset row of each entry of <see cref="Positions"/> (the same array when rows is null).</summary>
    public int[] SourceRows => _sourceRows;

    public int FoldStart(int remainder) => _foldStarts[remainder];

    public int FoldCount(int remainder) => _foldStarts[remainder + 1] - _foldStarts[remainder];

    /// <summary>
    /// Groups output positions 0..rowCount by the fold of their event: events[rows[i]], or events[i] when
    /// rows is null, taking the non-negative remainder for negative event numbers. With no events, every
    /// position is in fold 0.
    /// </summary>
    public void Group(long[]? events, int[]? rows, int rowCount)
    {
        if (_positions.Length < rowCount)
        {
            _rowFolds = new int[rowCount];
            _positions = new int[rowCount];
            _sourceRows = rows is null ? _positions : new int[rowCount];
        }
        else if (rows is null)
        {
            _sourceRows = _positions;
        }
        else if (ReferenceEquals(_sourceRows, _positions) || _sourceRows.Length < rowCount)
        {
            _sourceRows = new int[_positions.Length];
        }

        if (events is null || _foldModulus == 1)
        {
            PlaceAllInFoldZero(rowCount);
        }
        else
        {
            SortByFold(events, rows, rowCount);
        }

        if (rows is not null)
        {
            for (var i = 0; i < rowCount; i++)
            {
                _sourceRows[i] = rows[_positions[i]];
            }
        }
    }

    private void PlaceAllInFoldZero(int rowCount)
    {
        for (var i = 0; i < rowCount; i++)
        {
            _positions[i] = i;
        }

        Array.Clear(_foldStarts);
        for (var k = 1; k <= _foldModulus; k++)
        {
            _foldStarts[k] = rowCount;
        }
    }

    // A counting sort: each row's remainder is computed once and reused by the second pass, which
    // halves the 64-bit divisions.
    private void SortByFold(long[] events, int[]? rows, int rowCount)
    {
        var folds = _rowFolds.AsSpan(0, rowCount);
        if (rows is null)
        {
            ComputeFolds(events.AsSpan(0, rowCount), folds);
        }
        else
        {
            for (var i = 0; i < rowCount; i++)
            {
                folds[i] = FoldOf(events[rows[i]]);
            }
        }

        Array.Clear(_foldStarts);
        foreach (var fold in folds)
        {
            _foldStarts[fold + 1]++;
        }

        for (var k = 0; k < _foldModulus; k++)
        {
            _foldStarts[k + 1] += _foldStarts[k];
        }

        Array.Copy(_foldStarts, _foldNext, _foldModulus);
        for (var i = 0; i < rowCount; i++)
        {
            _positions[_foldNext[folds[i]]++] = i;
        }
    }

    private void ComputeFolds(ReadOnlySpan<long> events, Span<int> folds)
    {
        // For a power of two K, the two's-complement mask is the non-negative remainder, negative numbers included.
        if (long.IsPow2(_foldModulus))
        {
            var mask = _foldModulus - 1L;
            for (var i = 0; i < events.Length; i++)
            {
                folds[i] = (int)(events[i] & mask);
            }

            return;
        }

        for (var i = 0; i < events.Length; i++)
        {
            folds[i] = FoldOf(events[i]);
        }
    }

    private int FoldOf(long eventNumber)
    {
        var remainder = eventNumber % _foldModulus;
        return (int)(remainder < 0 ? remainder + _foldModulus : remainder);
    }
}
