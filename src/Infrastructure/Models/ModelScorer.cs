namespace HnlService.Infrastructure.Models;

/// <summary>
/// Scores rows with a model or model set. One InferenceSession per member is created here and reused
/// by every call, as is one background packing thread (see <see cref="BackgroundRoundPacker"/>), so
/// dispose the scorer to end that thread. Not thread-safe: the batch buffers are shared, so use one
/// scorer per thread.
/// </summary>
public sealed class ModelScorer : IDisposable
{
    private readonly ModelManifest _manifest;
    private readonly MemberScorer[] _members;
    private readonly MemberScorer[] _memberByRemainder;

    // Fold grouping buffers, reused across Score calls. A single model is a set of one member with K = 1.
    private readonly FoldOrder _foldOrder;
    private readonly FoldBatchPacker _packer;
    private readonly BackgroundRoundPacker _background;

    public ModelScorer(ValidatedModel model, ScoringOptions options)
        : this(model, options, BackgroundRoundPacker.DefaultChunkWait)
    {
    }

    /// <summary>Creates a scorer whose scoring thread waits at most chunkWait for a background chunk (tests use zero).</summary>
    internal ModelScorer(ValidatedModel model, ScoringOptions options, TimeSpan chunkWait)
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
        _background = new BackgroundRoundPacker(_packer, chunkWait);
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

        // Binding and grouping rewrite what a background thread starved in the previous request still reads.
        _background.WaitUntilIdle();
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
        _background?.Dispose();
        foreach (var member in _members ?? [])
        {
            member?.Dispose();
        }
    }

    private bool IsModelSet => _manifest.Members is { Count: > 0 };

    // Scores the rows round by round: round r runs batch r of each member in remainder order, and the
    // whole round is packed in one pass over the columns (see FoldBatchPacker). Round 0 is packed across
    // all cores before the first Run. Each later round is packed into the other buffer slot in the
    // background while the network reads this one (see BackgroundRoundPacker for when it is not).
    private void ScoreRounds(float[] scores, IProgress<long>? progress, CancellationToken cancellationToken)
    {
        var roundCount = _packer.RoundCount();
        if (roundCount == 0)
        {
            return;
        }

        cancellationToken.ThrowIfCancellationRequested();
        var slot = _background.PackFirst(round: 0);

        long scored = 0;
        for (var round = 0; round < roundCount; round++)
        {
            var nextRound = round + 1;
            var packsNext = nextRound < roundCount;
            if (packsNext)
            {
                _background.BeginNext(nextRound, readSlot: slot);
            }

            try
            {
                scored = RunRound(slot, round, scores, scored, progress, cancellationToken);
            }
            catch
            {
                _background.Abandon();
                throw;
            }

            if (packsNext)
            {
                slot = _background.FinishNext(nextRound, readSlot: slot);
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
}
