namespace HnlService.Infrastructure.Models;

/// <summary>
/// Scores rows with a model or model set. One InferenceSession per member is created here and reused
/// by every call. Not thread-safe: the batch buffers are shared, so use one scorer per thread.
/// </summary>
public sealed class ModelScorer : IDisposable
{
    private readonly ModelManifest _manifest;
    private readonly MemberScorer[] _members;
    private readonly int _foldModulus;
    private readonly MemberScorer[] _memberByRemainder;
    // An estimate, not measured: below this many rows (about 0.2 ms of packing), handing a part to a
    // thread-pool thread costs about as much as it saves.
    private const int MinRowsPerPackingPart = 4096;

    private readonly bool _overlapPacking;
    private readonly int[][] _batchSourceRows;
    private readonly int[][] _batchPositions;

    // Fold grouping buffers, reused across Score calls (grown when a request has more rows).
    private readonly int[] _foldStarts;
    private readonly int[] _foldNext;
    private int[] _rowFolds = [];
    private int[] _rowsInFoldOrder = [];

    public ModelScorer(ValidatedModel model, ScoringOptions options)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.BatchSize, 1, nameof(options.BatchSize));
        ArgumentOutOfRangeException.ThrowIfNegative(options.IntraOpThreads, nameof(options.IntraOpThreads));

        _manifest = model.Manifest;
        var members = model.Manifest.Members is { Count: > 0 } listed
            ? listed
            : [new ModelMember(model.Files[0].FileName, 1, 0)];
        _foldModulus = members[0].FoldModulus;
        _overlapPacking = OverlapsPacking(options.IntraOpThreads);
        _foldStarts = new int[_foldModulus + 1];
        _foldNext = new int[_foldModulus];

        using var sessionOptions = OnnxSessionFactory.CreateOptions(options.IntraOpThreads);
        _members = new MemberScorer[members.Count];
        _memberByRemainder = new MemberScorer[_foldModulus];
        try
        {
            for (var i = 0; i < members.Count; i++)
            {
                var file = model.Files.First(candidate => candidate.FileName == members[i].File);
                _members[i] = new MemberScorer(_manifest, file, members[i].Scaler ?? _manifest.Scaler, sessionOptions, options.BatchSize);
                _memberByRemainder[members[i].FoldRemainder] = _members[i];
            }
        }
        catch
        {
            Dispose();
            throw;
        }

        var largestBatch = _members.Max(member => member.BatchSize);
        _batchSourceRows = new int[MemberScorer.SlotCount][];
        _batchPositions = new int[MemberScorer.SlotCount][];
        for (var slot = 0; slot < MemberScorer.SlotCount; slot++)
        {
            _batchSourceRows[slot] = new int[largestBatch];
            _batchPositions[slot] = new int[largestBatch];
        }
    }

    /// <summary>
    /// Returns signal scores aligned with the requested rows (element i scores row Rows[i], or row i
    /// when Rows is null). A set scores each row with the member whose remainder is event mod K,
    /// taking the non-negative remainder for negative event numbers. Progress reports the cumulative
    /// number of rows scored after each batch; cancellation is checked before each batch.
    /// </summary>
    public float[] Score(ScoringRequest request, IProgress<long>? progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);

        var datasetRows = ScoringRequestChecks.Check(request, _manifest, _members.SelectMany(member => member.Features), IsModelSet);
        var rowCount = request.Rows?.Length ?? datasetRows;
        var scores = new float[rowCount];

        foreach (var member in _members)
        {
            member.Bind(request.Columns, _manifest.MassFeature, request.MassValue);
        }

        if (!IsModelSet)
        {
            ScoreRows(_members[0], order: null, 0, rowCount, request.Rows, scores, 0, progress, cancellationToken);
            return scores;
        }

        GroupRowsByFold(request, rowCount);
        long scored = 0;
        for (var remainder = 0; remainder < _foldModulus; remainder++)
        {
            var start = _foldStarts[remainder];
            var count = _foldStarts[remainder + 1] - start;
            scored = ScoreRows(_memberByRemainder[remainder], _rowsInFoldOrder, start, count, request.Rows, scores, scored, progress, cancellationToken);
        }

        return scores;
    }

    public void Dispose()
    {
        foreach (var member in _members ?? [])
        {
            member?.Dispose();
        }
    }

    private bool IsModelSet => _manifest.Members is { Count: > 0 };

    // Scores output positions order[start..start+count) (or start..start+count when order is null) in
    // batches. With packing overlapped, the next batch is packed on a thread-pool thread into the other
    // buffer slot while the network runs on this one. Otherwise each batch is packed, split across the
    // cores, between two Run calls.
    private long ScoreRows(
        MemberScorer member,
        int[]? order,
        int start,
        int count,
        int[]? rows,
        float[] scores,
        long scored,
        IProgress<long>? progress,
        CancellationToken cancellationToken)
    {
        var batchCount = (count + member.BatchSize - 1) / member.BatchSize;
        if (batchCount == 0)
        {
            return scored;
        }

        cancellationToken.ThrowIfCancellationRequested();
        PrepareBatch(member, slot: 0, order, start, count, batch: 0, rows);

        for (var batch = 0; batch < batchCount; batch++)
        {
            var slot = _overlapPacking ? batch % MemberScorer.SlotCount : 0;
            var nextBatch = batch + 1;
            var packing = _overlapPacking && nextBatch < batchCount
                ? Task.Run(() => PrepareBatch(member, nextBatch % MemberScorer.SlotCount, order, start, count, nextBatch, rows))
                : Task.CompletedTask;

            var batchRows = Math.Min(member.BatchSize, count - batch * member.BatchSize);
            try
            {
                member.Run(slot, _batchPositions[slot].AsSpan(0, batchRows), scores);
            }
            finally
            {
                // The packing task writes buffers this scorer owns, so it must end before anything else does.
                packing.GetAwaiter().GetResult();
            }

            scored += batchRows;
            progress?.Report(scored);
            cancellationToken.ThrowIfCancellationRequested();

            if (!_overlapPacking && nextBatch < batchCount)
            {
                PrepareBatch(member, slot, order, start, count, nextBatch, rows);
            }
        }

        return scored;
    }

    private void PrepareBatch(MemberScorer member, int slot, int[]? order, int start, int count, int batch, int[]? rows)
    {
        var batchRows = PrepareIndices(member, slot, order, start, count, batch, rows);
        if (_overlapPacking)
        {
            member.Pack(slot, _batchSourceRows[slot].AsSpan(0, batchRows));
        }
        else
        {
            PackAcrossCores(member, slot, batchRows);
        }
    }

    // Packs one slot in parts of consecutive buffer rows: the calling thread packs the first part and
    // thread-pool threads the others, so every core works on it while the network is idle.
    private void PackAcrossCores(MemberScorer member, int slot, int batchRows)
    {
        var sourceRows = _batchSourceRows[slot];
        var parts = Math.Clamp(batchRows / MinRowsPerPackingPart, 1, Environment.ProcessorCount);
        var partRows = (batchRows + parts - 1) / parts;

        var others = new Task[parts - 1];
        for (var part = 1; part < parts; part++)
        {
            var firstRow = part * partRows;
            var rowCount = Math.Min(partRows, batchRows - firstRow);
            others[part - 1] = Task.Run(() => member.Pack(slot, sourceRows.AsSpan(firstRow, rowCount), firstRow));
        }

        try
        {
            member.Pack(slot, sourceRows.AsSpan(0, Math.Min(partRows, batchRows)), 0);
        }
        finally
        {
            // The other parts write buffers this scorer owns, so they must end before anything else does.
            foreach (var task in others)
            {
                task.GetAwaiter().GetResult();
            }
        }
    }

    // Packing on a thread-pool thread during Run pays only when ONNX Runtime leaves a core free. With its
    // default of one intra-op thread per core, the packing thread competes with the operator threads for
    // the cores, so packing before Run, across all cores, is used there.
    // NOTE: this choice rests only on the scoring benchmark on a busy 2-core AMD EPYC VM. At load 5-10,
    // packing first reached 81-83% of the bare loop's rate and overlapping 72-80%. At load 1.5 the two
    // were within noise of each other (74-80%).
    private static bool OverlapsPacking(int intraOpThreads) =>
        intraOpThreads > 0 && intraOpThreads < Environment.ProcessorCount;

    private int PrepareIndices(MemberScorer member, int slot, int[]? order, int start, int count, int batch, int[]? rows)
    {
        var batchStart = batch * member.BatchSize;
        var batchRows = Math.Min(member.BatchSize, count - batchStart);
        var positions = _batchPositions[slot];
        var sourceRows = _batchSourceRows[slot];
        if (order is null)
        {
            for (var r = 0; r < batchRows; r++)
            {
                positions[r] = start + batchStart + r;
            }
        }
        else
        {
            Array.Copy(order, start + batchStart, positions, 0, batchRows);
        }

        if (rows is null)
        {
            Array.Copy(positions, sourceRows, batchRows);
        }
        else
        {
            for (var r = 0; r < batchRows; r++)
            {
                sourceRows[r] = rows[positions[r]];
            }
        }

        return batchRows;
    }

    // A counting sort of output positions by fold remainder: positions of remainder k end up in
    // _rowsInFoldOrder[_foldStarts[k].._foldStarts[k + 1]), in their original order. Each row's remainder
    // is computed once and reused by the second pass, which halves the 64-bit divisions.
    private void GroupRowsByFold(ScoringRequest request, int rowCount)
    {
        var events = request.EventNumbers!;
        var rows = request.Rows;
        if (_rowFolds.Length < rowCount)
        {
            _rowFolds = new int[rowCount];
            _rowsInFoldOrder = new int[rowCount];
        }

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
        var order = _rowsInFoldOrder;
        for (var i = 0; i < rowCount; i++)
        {
            order[_foldNext[folds[i]]++] = i;
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
