using Microsoft.ML.OnnxRuntime;

namespace HnlService.Infrastructure.Models;

/// <summary>
/// One ONNX file with its session, input buffers and output buffer, all created once and reused for
/// every batch. The inputs have <see cref="SlotCount"/> buffer slots so that the next batch can be
/// packed into one slot while the network runs on the other. Not thread-safe beyond that: a Run may
/// overlap only Pack calls on the other slot, and Pack calls may overlap each other only on disjoint
/// buffer rows.
/// </summary>
internal sealed class MemberScorer : IDisposable
{
    private readonly InferenceSession _session;
    private readonly RunOptions _runOptions = new();
    /// <summary>Input buffer sets: one is packed while the network reads the other.</summary>
    public const int SlotCount = 2;

    private readonly PackedInput[][] _slots;
    private readonly ScoreOutput _output;
    private readonly string[] _inputNames;
    private readonly string[] _outputNames;
    private readonly OrtValue[][] _fullInputValues;
    private readonly OrtValue[] _fullOutputValues;
    private readonly OrtValue[] _partialInputValues;
    private readonly OrtValue[] _partialOutputValues;
    private readonly bool _hasFixedBatch;

    public MemberScorer(ModelManifest manifest, ModelFile file, ScalerSpec? scaler, SessionOptions sessionOptions, int batchSize)
    {
        _session = new InferenceSession(file.FullPath, sessionOptions);
        try
        {
            var layout = ModelLayout.Resolve(manifest, OnnxModelSignature.Read(_session), file.FileName);

            // A batch dimension frozen at export is honoured: every Run gets exactly that many rows,
            // and a shorter last batch is padded with rows whose scores are ignored.
            _hasFixedBatch = layout.FixedBatchSize is not null;
            BatchSize = layout.FixedBatchSize ?? batchSize;

            _slots = new PackedInput[SlotCount][];
            for (var slot = 0; slot < SlotCount; slot++)
            {
                _slots[slot] = layout.Inputs.Select(input => new PackedInput(input, scaler, BatchSize)).ToArray();
            }

            _output = new ScoreOutput(layout.Output, manifest.OutputKind, BatchSize);
        }
        catch
        {
            Dispose();
            throw;
        }

        _inputNames = _slots[0].Select(input => input.Input.Name).ToArray();
        _outputNames = [_output.Output.Name];
        _fullInputValues = _slots.Select(inputs => inputs.Select(input => input.FullValue).ToArray()).ToArray();
        _fullOutputValues = [_output.FullValue];
        _partialInputValues = new OrtValue[_inputNames.Length];
        _partialOutputValues = new OrtValue[1];
    }

    /// <summary>Rows per Run call.</summary>
    public int BatchSize { get; }

    /// <summary>True when the model was exported with a fixed batch dimension, so every Run takes BatchSize rows.</summary>
    public bool HasFixedBatch => _hasFixedBatch;

    /// <summary>Every feature this member reads, across its inputs.</summary>
    public IEnumerable<string> Features => _slots[0].SelectMany(input => input.Input.Features);

    public void Bind(IReadOnlyDictionary<string, float[]> columns, string? massFeature, float? massValue)
    {
        foreach (var input in _slots.SelectMany(inputs => inputs))
        {
            input.Bind(columns, massFeature, massValue);
        }
    }

    /// <summary>Packs the dataset rows sourceRows into the given slot's input buffers.</summary>
    public void Pack(int slot, ReadOnlySpan<int> sourceRows) => Pack(slot, sourceRows, 0);

    /// <summary>Packs the dataset rows sourceRows into the given slot's buffer rows firstRow onwards.</summary>
    public void Pack(int slot, ReadOnlySpan<int> sourceRows, int firstRow)
    {
        foreach (var input in _slots[slot])
        {
            input.Pack(sourceRows, firstRow);
        }
    }

    /// <summary>
    /// Runs the network on the first rows of a packed slot and writes the score of batch row r to
    /// scores[positions[r]], where rows is positions.Length.
    /// </summary>
    public void Run(int slot, ReadOnlySpan<int> positions, float[] scores)
    {
        var rows = positions.Length;
        if (rows == BatchSize || _hasFixedBatch)
        {
            _session.Run(_runOptions, _inputNames, _fullInputValues[slot], _outputNames, _fullOutputValues);
        }
        else
        {
            RunPartial(slot, rows);
        }

        _output.CopyScores(positions, scores);
    }

    public void Dispose()
    {
        foreach (var input in (_slots ?? []).SelectMany(inputs => inputs ?? []))
        {
            input.Dispose();
        }

        _output?.Dispose();
        _runOptions.Dispose();
        _session.Dispose();
    }

    private void RunPartial(int slot, int rows)
    {
        var inputs = _slots[slot];
        for (var i = 0; i < inputs.Length; i++)
        {
            _partialInputValues[i] = inputs[i].PartialValue(rows);
        }

        _partialOutputValues[0] = _output.PartialValue(rows);
        _session.Run(_runOptions, _inputNames, _partialInputValues, _outputNames, _partialOutputValues);
    }
}
