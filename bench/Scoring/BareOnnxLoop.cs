using HnlService.Infrastructure.Models;
using Microsoft.ML.OnnxRuntime;

namespace HnlService.Benchmarks.Scoring;

/// <summary>
/// The baseline: one session fed batches that were packed and scaled before timing, with input and
/// output OrtValues created up front, so a timed pass is nothing but InferenceSession.Run calls.
/// </summary>
internal sealed class BareOnnxLoop : IDisposable
{
    private readonly InferenceSession _session;
    private readonly RunOptions _runOptions = new();
    private readonly string[] _inputNames;
    private readonly string[] _outputNames;
    private readonly List<(OrtValue Input, OrtValue Output)> _batches = [];

    public BareOnnxLoop(string modelPath, ScalerSpec scaler, IReadOnlyList<string> features, Dictionary<string, float[]> columns, ScoringOptions options)
    {
        using var sessionOptions = OnnxSessionFactory.CreateOptions(options.IntraOpThreads);
        _session = new InferenceSession(modelPath, sessionOptions);
        _inputNames = [_session.InputNames[0]];
        _outputNames = [_session.OutputNames[0]];

        var rowCount = columns[features[0]].Length;
        var packed = Pack(scaler, features, columns, rowCount);
        Scores = new float[rowCount];

        for (var start = 0; start < rowCount; start += options.BatchSize)
        {
            var rows = Math.Min(options.BatchSize, rowCount - start);
            var input = OrtValue.CreateTensorValueFromMemory(
                OrtMemoryInfo.DefaultInstance, packed.AsMemory(start * features.Count, rows * features.Count), [rows, features.Count]);
            var output = OrtValue.CreateTensorValueFromMemory(OrtMemoryInfo.DefaultInstance, Scores.AsMemory(start, rows), [rows, 1L]);
            _batches.Add((input, output));
        }
    }

    /// <summary>Scores of the last pass, one per row.</summary>
    public float[] Scores { get; }

    public void Run()
    {
        foreach (var (input, output) in _batches)
        {
            _session.Run(_runOptions, _inputNames, [input], _outputNames, [output]);
        }
    }

    public void Dispose()
    {
        foreach (var (input, output) in _batches)
        {
            input.Dispose();
            output.Dispose();
        }

        _runOptions.Dispose();
        _session.Dispose();
    }

    private static float[] Pack(ScalerSpec scaler, IReadOnlyList<string> features, Dictionary<string, float[]> columns, int rowCount)
    {
        var width = features.Count;
        var packed = new float[rowCount * width];
        for (var f = 0; f < width; f++)
        {
            var column = columns[features[f]];
            var mean = (float)scaler.Mean[f];
            var scale = (float)scaler.Scale[f];
            for (var r = 0; r < rowCount; r++)
            {
                packed[r * width + f] = (column[r] - mean) / scale;
            }
        }

        return packed;
    }
}
