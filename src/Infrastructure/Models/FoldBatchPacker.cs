namespace HnlService.Infrastructure.Models;

/// <summary>
/// Packs round r of a model set: batch r of every member, where batch r of a member is the r-th block
/// of entries of its fold in <see cref="FoldOrder"/>. Blocks hold BatchSize entries, except a shorter
/// first block for large batches (see FirstBatchSize). The rows of a round are walked in
/// ascending output position in short windows, and each window is packed member after member. A
/// column's values for the window are therefore read from memory once, and the other members find
/// them in the L1 cache. Members with fewer batches take no part in the later rounds.
/// </summary>
internal sealed class FoldBatchPacker(MemberScorer[] memberByRemainder, FoldOrder order)
{
    // Output positions per window. With two members taking turns, each member packs about 64 rows per
    // window, one packing tile of PackedInput.
    private const int WindowPositions = 128;

    // An estimate, not measured: below this many rows (about 0.2 ms of packing), handing a part to a
    // thread-pool thread costs about as much as it saves.
    private const int MinRowsPerPart = 4096;

    // See FirstBatchSize. Measured on the scoring benchmark: packing round 0 at full size took 6 to 8 ms
    // per million rows, during which the network waits.
    private const int FirstRoundDivisor = 8;
    private const int MinPipelinedBatch = 8192;

    /// <summary>Rounds needed to score every row: the most batches of any member.</summary>
    public int RoundCount()
    {
        var rounds = 0;
        for (var remainder = 0; remainder < memberByRemainder.Length; remainder++)
        {
            var count = order.FoldCount(remainder);
            var first = FirstBatchSize(remainder);
            var batchSize = memberByRemainder[remainder].BatchSize;
            var memberRounds = count == 0 ? 0 : 1 + (Math.Max(0, count - first) + batchSize - 1) / batchSize;
            rounds = Math.Max(rounds, memberRounds);
        }

        return rounds;
    }

    // Round 0 is packed while the network is idle, so it is kept short. The later rounds are packed in the
    // background during Run, and a short first round lets that pipeline start sooner. Small batches and
    // batch sizes frozen at export keep uniform batches.
    private int FirstBatchSize(int remainder)
    {
        var member = memberByRemainder[remainder];
        return member.HasFixedBatch || member.BatchSize < MinPipelinedBatch ? member.BatchSize : member.BatchSize / FirstRoundDivisor;
    }

    /// <summary>Output positions of the member's batch in the given round, in batch row order (empty when it has none).</summary>
    public ReadOnlySpan<int> Positions(int remainder, int round)
    {
        var (start, end) = BatchRange(remainder, round);
        return order.Positions.AsSpan(start, end - start);
    }

    /// <summary>The output positions the round spans, as [Start, End); empty when the round has no rows.</summary>
    public (int Start, int End) PositionRange(int round)
    {
        var (first, last) = PositionSpan(round);
        return (first, last + 1);
    }

    /// <summary>
    /// Packs the round into the slot in parts of consecutive output positions: the calling thread packs
    /// the first part and thread-pool threads the others, so every core works on it while the network is idle.
    /// </summary>
    public void PackAcrossCores(int slot, int round)
    {
        var (first, last) = PositionSpan(round);
        var parts = Math.Clamp(RowCount(round) / MinRowsPerPart, 1, Environment.ProcessorCount);
        var partPositions = (last - first + parts) / parts;

        var others = new Task[parts - 1];
        for (var part = 1; part < parts; part++)
        {
            var start = first + part * partPositions;
            var end = Math.Min(last + 1, start + partPositions);
            others[part - 1] = Task.Run(() => PackRange(slot, round, start, end));
        }

        try
        {
            PackRange(slot, round, first, Math.Min(last + 1, first + partPositions));
        }
        finally
        {
            // The other parts write buffers the members own, so they must end before anything else does.
            foreach (var task in others)
            {
                task.GetAwaiter().GetResult();
            }
        }
    }

    /// <summary>
    /// Packs the round's rows whose output position is in [startPosition, endPosition). Calls on
    /// disjoint ranges of the same round may run at the same time.
    /// </summary>
    /// <remarks>
    /// Each member's batch entries are ascending in position, so one cursor per member walks them window
    /// by window, and a window starts at the smallest position not yet packed, which skips gaps between batches.
    /// </remarks>
    public void PackRange(int slot, int round, int startPosition, int endPosition)
    {
        var members = memberByRemainder.Length;
        Span<int> batchStarts = stackalloc int[members];
        Span<int> cursors = stackalloc int[members];
        Span<int> ends = stackalloc int[members];
        for (var m = 0; m < members; m++)
        {
            var (start, end) = BatchRange(m, round);
            batchStarts[m] = start;
            cursors[m] = LowerBound(start, end, startPosition);
            ends[m] = LowerBound(cursors[m], end, endPosition);
        }

        var positions = order.Positions;
        var sourceRows = order.SourceRows;
        for (var windowStart = NextPosition(cursors, ends); windowStart < int.MaxValue; windowStart = NextPosition(cursors, ends))
        {
            var windowEnd = (int)Math.Min((long)windowStart + WindowPositions, endPosition);
            for (var m = 0; m < members; m++)
            {
                var from = cursors[m];
                var to = from;
                while (to < ends[m] && positions[to] < windowEnd)
                {
                    to++;
                }

                if (to > from)
                {
                    memberByRemainder[m].Pack(slot, sourceRows.AsSpan(from, to - from), from - batchStarts[m]);
                    cursors[m] = to;
                }
            }
        }
    }

    private int NextPosition(ReadOnlySpan<int> cursors, ReadOnlySpan<int> ends)
    {
        var next = int.MaxValue;
        for (var m = 0; m < cursors.Length; m++)
        {
            if (cursors[m] < ends[m])
            {
                next = Math.Min(next, order.Positions[cursors[m]]);
            }
        }

        return next;
    }

    // The first and last output positions in the round, across its members.
    private (int First, int Last) PositionSpan(int round)
    {
        var first = int.MaxValue;
        var last = -1;
        for (var m = 0; m < memberByRemainder.Length; m++)
        {
            var (start, end) = BatchRange(m, round);
            if (end > start)
            {
                first = Math.Min(first, order.Positions[start]);
                last = Math.Max(last, order.Positions[end - 1]);
            }
        }

        return last < 0 ? (0, -1) : (first, last);
    }

    private int RowCount(int round)
    {
        var rows = 0;
        for (var m = 0; m < memberByRemainder.Length; m++)
        {
            var (start, end) = BatchRange(m, round);
            rows += end - start;
        }

        return rows;
    }

    // The member's batch in the round as a range [Start, End) of FoldOrder entries: round 0 takes the
    // first FirstBatchSize entries of the fold, and every later round the next BatchSize.
    private (int Start, int End) BatchRange(int remainder, int round)
    {
        var batchSize = memberByRemainder[remainder].BatchSize;
        var first = FirstBatchSize(remainder);
        var count = order.FoldCount(remainder);
        var offset = round == 0 ? 0 : first + (long)(round - 1) * batchSize;
        if (offset >= count)
        {
            return (0, 0);
        }

        var length = round == 0 ? first : batchSize;
        var start = order.FoldStart(remainder) + (int)offset;
        return (start, start + (int)Math.Min(length, count - offset));
    }

    // The first entry in [start, end) whose position is at least the given one (end when there is none).
    private int LowerBound(int start, int end, int position)
    {
        var index = Array.BinarySearch(order.Positions, start, end - start, position);
        return index >= 0 ? index : ~index;
    }
}
