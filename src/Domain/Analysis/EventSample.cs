namespace HnlService.Domain.Analysis;

/// <summary>
/// Discriminant values and weights of one set of events (the signal or the background of one
/// channel), sorted once so several binnings or mass hypotheses can reuse the order.
/// </summary>
/// <remarks>
/// A weight is a per-event generator weight: it may be negative, and yields are sums of weights.
/// The input order is kept as well, because yields are summed in input order to reproduce the
/// reference to the last bit. Values and weights must be finite.
/// </remarks>
public sealed class EventSample
{
    private readonly double[] _values;
    private readonly double[] _weights;
    private readonly double[] _sortedValues;
    private readonly double[] _sortedWeights;
    private readonly int[] _order;
    private readonly bool _rented;

    private EventSample(ReadOnlySpan<double> values, ReadOnlySpan<double> weights, bool rented)
    {
        int n = values.Length;
        Count = n;
        _rented = rented;

        // Every element is written below, so the arrays need no zeroing.
        _values = rented ? ScratchArrays.Doubles.Rent(n) : GC.AllocateUninitializedArray<double>(n);
        _weights = rented ? ScratchArrays.Doubles.Rent(n) : GC.AllocateUninitializedArray<double>(n);
        _sortedValues = rented ? ScratchArrays.Doubles.Rent(n) : GC.AllocateUninitializedArray<double>(n);
        _sortedWeights = rented ? ScratchArrays.Doubles.Rent(n) : GC.AllocateUninitializedArray<double>(n);
        _order = rented ? ScratchArrays.Ints.Rent(n) : GC.AllocateUninitializedArray<int>(n);

        values.CopyTo(_values);
        weights.CopyTo(_weights);
        TotalWeight = PairwiseSum.Sum(weights);
        StableRadixSort.Sort(values, weights, _sortedValues.AsSpan(0, n), _sortedWeights.AsSpan(0, n), _order.AsSpan(0, n));
    }

    /// <summary>Number of events.</summary>
    public int Count { get; }

    /// <summary>Sum of all weights, added pairwise in input order like NumPy's <c>sum</c>.</summary>
    public double TotalWeight { get; }

    /// <summary>Values in input order.</summary>
    internal ReadOnlySpan<double> Values => _values.AsSpan(0, Count);

    /// <summary>Weights in input order.</summary>
    internal ReadOnlySpan<double> Weights => _weights.AsSpan(0, Count);

    /// <summary>Values in ascending order, -0.0 written as +0.0; equal values keep their input order.</summary>
    internal ReadOnlySpan<double> SortedValues => _sortedValues.AsSpan(0, Count);

    /// <summary>Weights in the order of <see cref="SortedValues"/>.</summary>
    internal ReadOnlySpan<double> SortedWeights => _sortedWeights.AsSpan(0, Count);

    /// <summary>Input index of each sorted event.</summary>
    internal ReadOnlySpan<int> Order => _order.AsSpan(0, Count);

    /// <summary>Copies and sorts the events.</summary>
    /// <exception cref="ArgumentException">The spans differ in length, or a value or weight is NaN or infinite.</exception>
    public static EventSample Create(ReadOnlySpan<double> values, ReadOnlySpan<double> weights)
    {
        Validate(values, weights, nameof(values), nameof(weights));
        return new EventSample(values, weights, rented: false);
    }

    /// <summary>
    /// Copies and sorts the events into pooled arrays; the caller must call <see cref="ReturnRented"/>
    /// once it no longer reads the sample. The inputs must already be validated.
    /// </summary>
    internal static EventSample Rent(ReadOnlySpan<double> values, ReadOnlySpan<double> weights)
    {
        return new EventSample(values, weights, rented: true);
    }

    /// <summary>Returns the arrays of a sample made by <see cref="Rent"/> to the pool.</summary>
    internal void ReturnRented()
    {
        if (!_rented)
        {
            return;
        }

        ScratchArrays.Doubles.Return(_values);
        ScratchArrays.Doubles.Return(_weights);
        ScratchArrays.Doubles.Return(_sortedValues);
        ScratchArrays.Doubles.Return(_sortedWeights);
        ScratchArrays.Ints.Return(_order);
    }

    /// <summary>Throws unless both spans have the same length and hold only finite numbers.</summary>
    internal static void Validate(
        ReadOnlySpan<double> values, ReadOnlySpan<double> weights, string valuesName, string weightsName)
    {
        if (values.Length != weights.Length)
        {
            throw new ArgumentException(
                $"{weightsName} has {weights.Length} elements but {valuesName} has {values.Length}; pass one weight per value.",
                weightsName);
        }

        ThrowIfNotFinite(values, valuesName);
        ThrowIfNotFinite(weights, weightsName);
    }

    private static void ThrowIfNotFinite(ReadOnlySpan<double> numbers, string name)
    {
        for (int i = 0; i < numbers.Length; i++)
        {
            if (!double.IsFinite(numbers[i]))
            {
                throw new ArgumentException(
                    $"{name}[{i}] is {numbers[i]}; every value and weight must be a finite number.", name);
            }
        }
    }
}
