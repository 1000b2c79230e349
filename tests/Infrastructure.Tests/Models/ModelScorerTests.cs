using HnlService.Infrastructure.Models;

namespace HnlService.Infrastructure.Tests.Models;

/// <summary>
/// Scores of small networks built in the test, against values worked out by hand from their weights
/// (z = 0.5 a - 0.25 b + 2 c + 0.1, see <see cref="TestModels"/>).
/// </summary>
public sealed class ModelScorerTests : IDisposable
{
    private const double Tolerance = 1e-6;

    // Hand-computed z for the five rows of Columns below.
    private static readonly double[] LinearZ = [6.1, -3.025, 0.1, 3.6, -0.1];

    private static readonly Dictionary<string, float[]> Columns = new()
    {
        ["a"] = [1f, -2f, 0f, 4f, 0.2f],
        ["b"] = [2f, 0.5f, 0f, -4f, 0.4f],
        ["c"] = [3f, -1f, 0f, 0.25f, -0.1f],
        ["mass"] = [100f, 200f, 300f, 400f, 500f],
    };

    private readonly TemporaryDirectory _directory = new();
    private readonly ModelValidator _validator = new();

    public void Dispose() => _directory.Dispose();

    [Fact]
    public void Score_MatchesSigmoidOfGemm_WhenFloatInput()
    {
        var scores = ScoreAll(TestModels.GemmSigmoid(), Manifest());

        AssertScores(LinearZ.Select(Sigmoid), scores);
    }

    [Fact]
    public void Score_AppliesSigmoid_WhenFloat64InputAndLogitOutput()
    {
        var manifest = Manifest() with { OutputKind = OutputKind.Logit };

        var scores = ScoreAll(TestModels.GemmLogit(OnnxModelBuilder.Double), manifest);

        AssertScores(LinearZ.Select(Sigmoid), scores);
    }

    [Fact]
    public void Score_FeedsEachInput_WhenTwoInputs()
    {
        var manifest = new ModelManifest
        {
            Inputs = [new ModelInput("first", ["a", "b"]), new ModelInput("second", ["c"])],
            OutputKind = OutputKind.Logit,
        };

        var scores = ScoreAll(TestModels.TwoInputs(), manifest);

        AssertScores(LinearZ.Select(Sigmoid), scores);
    }

    [Fact]
    public void Score_ReadsVector_WhenOutputShapeIsN()
    {
        var scores = ScoreAll(TestModels.VectorOutput(), Manifest());

        AssertScores(LinearZ.Select(Sigmoid), scores);
    }

    [Fact]
    public void Score_ReadsColumnOne_WhenOutputShapeIsNByTwo()
    {
        // Softmax over (-z, z): column 1 is e^z / (e^-z + e^z) = sigmoid(2z).
        var scores = ScoreAll(TestModels.TwoColumnOutput(), Manifest());

        AssertScores(LinearZ.Select(z => Sigmoid(2 * z)), scores);
    }

    [Fact]
    public void Score_AppliesManifestScaler_BeforeNetwork()
    {
        // a' = (a - 1) / 2, b' = b / 4, c' = (c + 1) / 0.5, then z over the scaled values.
        var manifest = Manifest() with { Scaler = new ScalerSpec([1, 0, -1], [2, 4, 0.5]) };
        double[] scaledZ = [15.975, -0.68125, 3.85, 6.1, 3.475];

        var scores = ScoreAll(TestModels.GemmSigmoid(), manifest);

        AssertScores(scaledZ.Select(Sigmoid), scores);
    }

    [Fact]
    public void Score_UsesOwnMass_WhenNoMassValue()
    {
        var model = Validate(TestModels.Parametric(), ParametricManifest());
        using var scorer = new ModelScorer(model, new ScoringOptions());

        var scores = scorer.Score(new ScoringRequest(Columns, null, null, null), null, CancellationToken.None);

        // logit = a + 0.01 mass - 1 with mass = 100, 200, 300, 400, 500.
        AssertScores(new[] { 1.0, -1.0, 2.0, 7.0, 4.2 }.Select(Sigmoid), scores);
    }

    [Fact]
    public void Score_UsesMassValue_WhenMassIsOverridden()
    {
        var model = Validate(TestModels.Parametric(), ParametricManifest());
        using var scorer = new ModelScorer(model, new ScoringOptions());
        var withoutMassColumn = Columns.Where(pair => pair.Key != "mass").ToDictionary();

        var scores = scorer.Score(new ScoringRequest(withoutMassColumn, null, null, 300f), null, CancellationToken.None);

        // logit = a + 0.01 * 300 - 1 = a + 2.
        AssertScores(new[] { 3.0, 0.0, 2.0, 6.0, 2.2 }.Select(Sigmoid), scores);
    }

    [Fact]
    public void Score_FollowsRowsOrder_WhenRowsSelected()
    {
        var model = Validate(TestModels.GemmSigmoid(), Manifest());
        using var scorer = new ModelScorer(model, new ScoringOptions());

        var scores = scorer.Score(new ScoringRequest(Columns, null, [4, 0, 3], null), null, CancellationToken.None);

        AssertScores(new[] { LinearZ[4], LinearZ[0], LinearZ[3] }.Select(Sigmoid), scores);
    }

    [Fact]
    public void Score_RoutesByEventModulo_WhenEventsNegative()
    {
        // Member for remainder 0 returns a, member for remainder 1 returns b.
        var even = _directory.Save(TestModels.Linear([1, 0, 0], 0), "returns_a.onnx");
        var odd = _directory.Save(TestModels.Linear([0, 1, 0], 0), "returns_b.onnx");
        var manifest = Manifest() with
        {
            Members = [new ModelMember("returns_a.onnx", 2, 0), new ModelMember("returns_b.onnx", 2, 1)],
        };
        var model = _validator.Validate(manifest, [even, odd]);
        using var scorer = new ModelScorer(model, new ScoringOptions(BatchSize: 2));
        long[] events = [4, -3, 7, 0, -8];

        var scores = scorer.Score(new ScoringRequest(Columns, events, null, null), null, CancellationToken.None);

        // Remainders (non-negative) are 0, 1, 1, 0, 0.
        AssertScores(new[] { 1.0, 0.5, 0.0, 4.0, 0.2 }, scores);
    }

    [Fact]
    public void Score_RoutesSelectedRows_WhenModelSetAndRowsGiven()
    {
        var even = _directory.Save(TestModels.Linear([1, 0, 0], 0), "returns_a.onnx");
        var odd = _directory.Save(TestModels.Linear([0, 1, 0], 0), "returns_b.onnx");
        var manifest = Manifest() with
        {
            Members = [new ModelMember("returns_a.onnx", 2, 0), new ModelMember("returns_b.onnx", 2, 1)],
        };
        var model = _validator.Validate(manifest, [even, odd]);
        using var scorer = new ModelScorer(model, new ScoringOptions());
        long[] events = [4, -3, 7, 0, -8];

        var scores = scorer.Score(new ScoringRequest(Columns, events, [2, 3, 1], null), null, CancellationToken.None);

        // Row 2 (event 7, member b), row 3 (event 0, member a), row 1 (event -3, member b).
        AssertScores(new[] { 0.0, 4.0, 0.5 }, scores);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(4)]
    [InlineData(5)]
    [InlineData(65_536)]
    public void Score_SameScores_ForAnyBatchSize(int batchSize)
    {
        var model = Validate(TestModels.GemmSigmoid(), Manifest());
        using var scorer = new ModelScorer(model, new ScoringOptions(batchSize));

        var scores = scorer.Score(new ScoringRequest(Columns, null, null, null), null, CancellationToken.None);

        AssertScores(LinearZ.Select(Sigmoid), scores);
    }

    [Theory]
    [InlineData(1L)]
    [InlineData(4L)]
    public void Score_ScoresEveryRow_WhenBatchSizeFixedAtExport(long exportedBatch)
    {
        var scores = ScoreAll(TestModels.GemmSigmoidShaped(exportedBatch, 3L), Manifest());

        AssertScores(LinearZ.Select(Sigmoid), scores);
    }

    [Fact]
    public void Score_Works_WhenDimensionsUnknown()
    {
        var scores = ScoreAll(TestModels.GemmSigmoidShaped(null, null), Manifest());

        AssertScores(LinearZ.Select(Sigmoid), scores);
    }

    [Fact]
    public void Score_Works_WhenManifestComesFromMetadata()
    {
        var json = """{"features": ["a", "b", "c"], "outputKind": "logit"}""";
        var file = _directory.Save(TestModels.GemmLogit().Metadata("hnl.manifest", json), "embedded.onnx");
        var model = _validator.Validate(null, [file]);
        using var scorer = new ModelScorer(model, new ScoringOptions());

        var scores = scorer.Score(new ScoringRequest(Columns, null, null, null), null, CancellationToken.None);

        AssertScores(LinearZ.Select(Sigmoid), scores);
    }

    [Fact]
    public void Score_ReportsCumulativeRows_AfterEachBatch()
    {
        var model = Validate(TestModels.GemmSigmoid(), Manifest());
        using var scorer = new ModelScorer(model, new ScoringOptions(BatchSize: 2));
        var progress = new RecordingProgress();

        scorer.Score(new ScoringRequest(Columns, null, null, null), progress, CancellationToken.None);

        Assert.Equal([2L, 4L, 5L], progress.Values);
    }

    [Fact]
    public void Score_ReportsCumulativeRows_WhenModelSet()
    {
        var even = _directory.Save(TestModels.Linear([1, 0, 0], 0), "returns_a.onnx");
        var odd = _directory.Save(TestModels.Linear([0, 1, 0], 0), "returns_b.onnx");
        var manifest = Manifest() with
        {
            Members = [new ModelMember("returns_a.onnx", 2, 0), new ModelMember("returns_b.onnx", 2, 1)],
        };
        using var scorer = new ModelScorer(_validator.Validate(manifest, [even, odd]), new ScoringOptions(BatchSize: 2));
        var progress = new RecordingProgress();

        scorer.Score(new ScoringRequest(Columns, [4, -3, 7, 0, -8], null, null), progress, CancellationToken.None);

        // Remainder 0 has three rows (batches of 2 and 1), remainder 1 has two. Batches run in rounds:
        // round 0 is batch 0 of each member (2 + 2 rows), round 1 the last row of remainder 0.
        Assert.Equal([2L, 4L, 5L], progress.Values);
    }

    [Fact]
    public void Score_RoutesRowsToFolds_WhenManyChunks()
    {
        var setup = ChunkedFoldSet();
        using var scorer = new ModelScorer(setup.Model, new ScoringOptions(BatchSize: 4_000));

        var scores = scorer.Score(setup.Request, null, CancellationToken.None);

        AssertChunkedFoldScores(setup.Request, scores);
    }

    [Fact]
    public void Score_StartsShortRound_WhenBatchLarge()
    {
        // From 8,192 rows on, round 0 takes an eighth of a batch per member (1,024 rows here), so the
        // first progress report, after member 0's first batch, is 1,024. Every row is still scored.
        var setup = ChunkedFoldSet();
        using var scorer = new ModelScorer(setup.Model, new ScoringOptions(BatchSize: 8_192));
        var progress = new RecordingProgress();

        var scores = scorer.Score(setup.Request, progress, CancellationToken.None);

        Assert.Equal(1_024L, progress.Values[0]);
        Assert.Equal(3_072L, progress.Values[2]);
        Assert.Equal(setup.Request.Rows!.Length, progress.Values[^1]);
        AssertChunkedFoldScores(setup.Request, scores);
    }

    [Fact]
    public void Score_RoutesRowsToFolds_WhenNoWait()
    {
        // With no wait, the scoring thread packs a round itself whenever the background thread is inside
        // a chunk. Three calls also carry a busy slot from one call to the next.
        var setup = ChunkedFoldSet();
        using var scorer = new ModelScorer(setup.Model, new ScoringOptions(BatchSize: 4_000), chunkWait: TimeSpan.Zero);

        for (var call = 0; call < 3; call++)
        {
            var scores = scorer.Score(setup.Request, null, CancellationToken.None);

            AssertChunkedFoldScores(setup.Request, scores);
        }
    }

    [Fact]
    public void Score_Throws_WhenCancelledBeforeStart()
    {
        var model = Validate(TestModels.GemmSigmoid(), Manifest());
        using var scorer = new ModelScorer(model, new ScoringOptions());
        using var cancellation = new CancellationTokenSource();
        cancellation.Cancel();

        Assert.ThrowsAny<OperationCanceledException>(
            () => scorer.Score(new ScoringRequest(Columns, null, null, null), null, cancellation.Token));
    }

    [Fact]
    public void Score_StopsBeforeNextBatch_WhenCancelledDuringScoring()
    {
        var model = Validate(TestModels.GemmSigmoid(), Manifest());
        using var scorer = new ModelScorer(model, new ScoringOptions(BatchSize: 2));
        using var cancellation = new CancellationTokenSource();
        var progress = new RecordingProgress(_ => cancellation.Cancel());

        Assert.ThrowsAny<OperationCanceledException>(
            () => scorer.Score(new ScoringRequest(Columns, null, null, null), progress, cancellation.Token));
        Assert.Equal([2L], progress.Values);
    }

    [Fact]
    public void Score_ThrowsMissingFeatures_WhenColumnAbsent()
    {
        var model = Validate(TestModels.GemmSigmoid(), Manifest());
        using var scorer = new ModelScorer(model, new ScoringOptions());
        var columns = new Dictionary<string, float[]> { ["a"] = Columns["a"] };

        var error = Assert.Throws<ModelValidationException>(
            () => scorer.Score(new ScoringRequest(columns, null, null, null), null, CancellationToken.None));

        Assert.Equal("missing-features", error.Code);
        Assert.Equal("b, c", error.Target);
    }

    [Fact]
    public void Score_Throws_WhenModelSetHasNoEventNumbers()
    {
        var even = _directory.Save(TestModels.Linear([1, 0, 0], 0), "returns_a.onnx");
        var odd = _directory.Save(TestModels.Linear([0, 1, 0], 0), "returns_b.onnx");
        var manifest = Manifest() with
        {
            Members = [new ModelMember("returns_a.onnx", 2, 0), new ModelMember("returns_b.onnx", 2, 1)],
        };
        using var scorer = new ModelScorer(_validator.Validate(manifest, [even, odd]), new ScoringOptions());

        var error = Assert.Throws<ArgumentException>(
            () => scorer.Score(new ScoringRequest(Columns, null, null, null), null, CancellationToken.None));

        Assert.Equal("EventNumbers", error.ParamName);
    }

    private static ModelManifest Manifest() => new() { Features = ["a", "b", "c"] };

    // Three members that return a', b' and c' after the scaler: a' = (i - 1) / 2, b' = -i / 4 and
    // c' = i + 2 for row i, all exact in float32. Batches of 4,000 rows make rounds that span about
    // 12,000 output positions, so each round after the first is packed in about 12 background chunks.
    private (ValidatedModel Model, ScoringRequest Request) ChunkedFoldSet()
    {
        const int rowCount = 30_000;
        var members = new[] { "returns_a.onnx", "returns_b.onnx", "returns_c.onnx" };
        var files = new[]
        {
            _directory.Save(TestModels.Linear([1, 0, 0], 0), members[0]),
            _directory.Save(TestModels.Linear([0, 1, 0], 0), members[1]),
            _directory.Save(TestModels.Linear([0, 0, 1], 0), members[2]),
        };
        var manifest = Manifest() with
        {
            Scaler = new ScalerSpec([1, 0, -1], [2, 4, 0.5]),
            Members = members.Select((file, remainder) => new ModelMember(file, 3, remainder)).ToList(),
        };
        var columns = new Dictionary<string, float[]>
        {
            ["a"] = Enumerable.Range(0, rowCount).Select(i => (float)i).ToArray(),
            ["b"] = Enumerable.Range(0, rowCount).Select(i => (float)-i).ToArray(),
            ["c"] = Enumerable.Range(0, rowCount).Select(i => 0.5f * i).ToArray(),
        };
        var random = new Random(20261204);
        var events = Enumerable.Range(0, rowCount).Select(_ => random.NextInt64(-1_000_000, 1_000_000)).ToArray();

        // Every row but each seventh, last row first, so output positions and dataset rows differ.
        var rows = Enumerable.Range(0, rowCount).Where(i => i % 7 != 3).Reverse().ToArray();

        return (_validator.Validate(manifest, files), new ScoringRequest(columns, events, rows, null));
    }

    private static void AssertChunkedFoldScores(ScoringRequest request, float[] scores)
    {
        var rows = request.Rows!;
        var events = request.EventNumbers!;
        Assert.Equal(rows.Length, scores.Length);
        for (var position = 0; position < rows.Length; position++)
        {
            var row = rows[position];
            var expected = (((events[row] % 3) + 3) % 3) switch
            {
                0 => (row - 1) / 2f,
                1 => -row / 4f,
                _ => row + 2f,
            };
            Assert.True(expected == scores[position], $"Position {position} (row {row}, event {events[row]}): expected {expected:R}, got {scores[position]:R}.");
        }
    }

    private static ModelManifest ParametricManifest() => new()
    {
        Features = ["a", "mass"],
        MassFeature = "mass",
        OutputKind = OutputKind.Logit,
    };

    private static double Sigmoid(double z) => 1.0 / (1.0 + Math.Exp(-z));

    private static void AssertScores(IEnumerable<double> expected, float[] actual)
    {
        var expectedList = expected.ToList();
        Assert.Equal(expectedList.Count, actual.Length);
        for (var i = 0; i < actual.Length; i++)
        {
            Assert.True(
                Math.Abs(expectedList[i] - actual[i]) <= Tolerance,
                $"Row {i}: expected {expectedList[i]:R}, got {actual[i]:R}.");
        }
    }

    private ValidatedModel Validate(OnnxModelBuilder builder, ModelManifest manifest) =>
        _validator.Validate(manifest, [_directory.Save(builder, "model.onnx")]);

    private float[] ScoreAll(OnnxModelBuilder builder, ModelManifest manifest)
    {
        using var scorer = new ModelScorer(Validate(builder, manifest), new ScoringOptions());
        return scorer.Score(new ScoringRequest(Columns, null, null, null), null, CancellationToken.None);
    }
}
