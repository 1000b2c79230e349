using Microsoft.ML.OnnxRuntime;

namespace HnlService.Infrastructure.Models;

/// <summary>
/// One ONNX file with its session, input buffers and output buffer, all created once and reused for
/// every batch. Not thread-safe: batches of one member run one at a time.
/// </summary>
internal sealed class MemberScorer : IDisposable
{
    private readonly InferenceSession _session;
    private readonly RunOptions _runOptions = new();
    private readonly PackedInput[] _inputs;
    private readonly ScoreOutput _output;
    private readonly string[] _inputNames;
    private readonly string[] _outputNames;
    private readonly OrtValue[] _fullInputValues;
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

            _inputs = layout.Inputs.Select(input => new PackedInput(input, scaler, BatchSize)).ToArray();
            _output = new ScoreOutput(layout.Output, manifest.OutputKind, BatchSize);
        }
        catch
        {
            Dispose();
            throw;
        }

        _inputNames = _inputs.Select(input => input.Input.Name).ToArray();
        _outputNames = [_output.Output.Name];
        _fullInputValues = _inputs.Select(input => input.FullValue).ToArray();
        _fullOutputValues = [_output.FullValue];
        _partialInputValues = new OrtValue[_inputs.Length];
        _partialOutputValues = new OrtValue[1];
    }

    /// <summary>Rows per Run call.</summary>
    public int BatchSize { get; }

    /// <summary>Every feature this member reads, across its inputs.</summary>
    public IEnumerable<string> Features => _inputs.SelectMany(input => input.Input.Features);

    public void Bind(IReadOnlyDictionary<string, float[]> columns, string? massFeature, float? massValue)
    {
        foreach (var input in _inputs)
        {
            input.Bind(columns, massFeature, massValue);
        }
    }

    /// <summary>
    /// Scores one batch: packs the dataset rows sourceRows, runs the network, and writes the score of
    /// batch row r to scores[positions[r]].
    /// </summary>
    public void ScoreBatch(ReadOnlySpan<int> sourceRows, ReadOnlySpan<int> positions, float[] scores)
    {
        foreach (var input in _inputs)
        {
            input.Pack(sourceRows);
        }

        var rows = sourceRows.Length;
        if (rows == BatchSize || _hasFixedBatch)
        {
            _session.Run(_runOptions, _inputNames, _fullInputValues, _outputNames, _fullOutputValues);
        }
        else
        {
            RunPartial(rows);
        }

        _output.CopyScores(positions, scores);
    }

    public void Dispose()
    {
        foreach (var input in _inputs ?? [])
        {
            input.Dispose();
        }

        _output?.Dispose();
        _runOptions.Dispose();
        _session.Dispose();
    }

    private void RunPartial(int rows)
    {
        for (var i = 0; i < _inputs.Length; i++)
        {
            _partialInputValues[i] = _inputs[i].PartialValue(rows);
        }

        _partialOutputValues[0] = _output.PartialValue(rows);
        _session.Run(_runOptions, _inputNames, _partialInputValues, _outputNames, _partialOutputValues);
    }
}
