namespace HnlService.Infrastructure.Models;

/// <summary>
/// Scores rows with a model or model set. One InferenceSession per member is created here and reused
/// by every call. Not thread-safe: the batch buffers are shared, so use one scorer per thread.
/// </summary>
public sealed class ModelScorer : IDisposable
{
    private readonly ModelManifest _manifest;
    private readonly MemberScorer[] _members;
    private readonly MemberScorer[] _memberByRemainder;
    private readonly bool _overlapPacking;

    // Fold grouping buffers, reused across Score calls. A single model is a set of one member with K = 1.
    private readonly FoldOrder _foldOrder;
    private readonly FoldBatchPacker _packer;

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
        var foldModulus = members[0].FoldModulus;
        _overlapPacking = OverlapsPacking(options.IntraOpThreads);

        using var sessionOptions = OnnxSessionFactory.CreateOptions(options.IntraOpThreads);
        _members = new MemberScorer[members.Count];
        _memberByRemainder = new MemberScorer[foldModulus];
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

        _foldOrder = new FoldOrder(foldModulus);
        _packer = new FoldBatchPacker(_memberByRemainder, _foldOrder);
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

        _foldOrder.Group(IsModelSet ? request.EventNumbers : null, request.Rows, rowCount);
        ScoreRounds(scores, progress, cancellationToken);
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

    // Scores the rows round by round: round r runs batch r of each member in remainder order, and the
    // whole round is packed in one pass over the columns (see FoldBatchPacker). With packing overlapped,
    // the next round is packed on a thread-pool thread into the other buffer slot while the network runs
    // on this one. Otherwise each round is packed, split across the cores, between two rounds of Run calls.
    private void ScoreRounds(float[] scores, IProgress<long>? progress, CancellationToken cancellationToken)
    {
        var roundCount = _packer.RoundCount();
        if (roundCount == 0)
        {
            return;
        }

        cancellationToken.ThrowIfCancellationRequested();
        PackRound(slot: 0, round: 0);

        long scored = 0;
        for (var round = 0; round < roundCount; round++)
        {
            var slot = _overlapPacking ? round % MemberScorer.SlotCount : 0;
            var nextRound = round + 1;
            var packing = _overlapPacking && nextRound < roundCount
                ? Task.Run(() => _packer.Pack(nextRound % MemberScorer.SlotCount, nextRound))
                : Task.CompletedTask;

            try
            {
                scored = RunRound(slot, round, scores, scored, progress, cancellationToken);
            }
            finally
            {
                // The packing task writes buffers this scorer owns, so it must end before anything else does.
                packing.GetAwaiter().GetResult();
            }

            if (!_overlapPacking && nextRound < roundCount)
            {
                PackRound(slot, nextRound);
            }
        }
    }

    private long RunRound(int slot, int round, float[] scores, long scored, IProgress<long>? progress, CancellationToken cancellationToken)
    {
        for (var remainder = 0; remainder < _memberByRemainder.Length; remainder++)
        {
            var positions = _packer.Positions(remainder, round);
            if (positions.IsEmpty)
            {
                continue;
            }

            _memberByRemainder[remainder].Run(slot, positions, scores);

            scored += positions.Length;
            progress?.Report(scored);
            cancellationToken.ThrowIfCancellationRequested();
        }

        return scored;
    }

    private void PackRound(int slot, int round)
    {
        if (_overlapPacking)
        {
            _packer.Pack(slot, round);
        }
        else
        {
            _packer.PackAcrossCores(slot, round);
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
}
