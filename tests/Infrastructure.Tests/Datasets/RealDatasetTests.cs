using HnlService.Infrastructure.Datasets;

namespace HnlService.Infrastructure.Tests.Datasets;

/// <summary>
/// Real public files (FAIR-Universe HiggsML, CMS NanoAOD tt̄) and a 5,000-row head of the synthetic HNL table.
/// Expected counts and sums were computed from the CSV files with Python's csv module and math.fsum.
/// </summary>
public sealed class RealDatasetTests : IDisposable
{
    /// <summary>PRI_n_jets takes the values 0..7; 2 and more jets form one category.</summary>
    private static readonly ChannelMapping JetCategories = new(new Dictionary<long, string>
    {
        [0] = "0jets", [1] = "1jet", [2] = "2+jets", [3] = "2+jets", [4] = "2+jets", [5] = "2+jets", [6] = "2+jets", [7] = "2+jets",
    });

    private static readonly ColumnRoles HiggsRoles = new(Weight: "weights", Label: "labels", Channel: "PRI_n_jets", Mass: null, Event: null);

    private readonly DatasetTestFiles files = new();

    public void Dispose() => files.Dispose();

    [Theory]
    [InlineData("FAIR_Universe_HiggsML_data.csv", "csv")]
    [InlineData("FAIR_Universe_HiggsML_data.parquet", "parquet")]
    public async Task IngestAsync_SummarisesJetCategories_WhenHiggsDataIsUploaded(string fileName, string format)
    {
        var dataset = await files.IngestFileAsync(DatasetTestFiles.Data(fileName), HiggsRoles, JetCategories);

        Assert.Equal(format, dataset.OriginalFormat);
        Assert.Equal(1000, dataset.Summary.Rows);
        Assert.Equal(["0jets", "1jet", "2+jets"], dataset.Summary.Channels);
        Assert.Empty(dataset.Summary.SignalMasses);
        Assert.Null(dataset.Roles.Mass);
        (string Channel, int Label, long Events, double WeightSum)[] expected =
        [
            ("0jets", 0, 414, 655068.7829589844),
            ("0jets", 1, 100, 309.243914604187),
            ("1jet", 0, 148, 234151.52221679688),
            ("1jet", 1, 109, 337.0088953971863),
            ("2+jets", 0, 102, 161174.09521484375),
            ("2+jets", 1, 127, 392.3735098838806),
        ];
        Assert.Equal(expected.Length, dataset.Summary.Groups.Count);
        foreach (var (want, group) in expected.Zip(dataset.Summary.Groups))
        {
            Assert.Equal(want.Channel, group.Channel);
            Assert.Equal(want.Label, group.Label);
            Assert.Equal(want.Events, group.Events);
            Assert.Equal(want.WeightSum, group.WeightSum, want.WeightSum * 1e-12);
            Assert.Equal(0.0, group.NegativeWeightSum);
        }
    }

    [Fact]
    public async Task IngestAsync_RejectsFirstUnmappedJetCount_WhenMappingStopsAtThree()
    {
        var mapping = new ChannelMapping(new Dictionary<long, string> { [0] = "0jets", [1] = "1jet", [2] = "2+jets", [3] = "2+jets" });

        var error = await Assert.ThrowsAsync<DatasetValidationException>(() =>
            files.IngestFileAsync(DatasetTestFiles.Data("FAIR_Universe_HiggsML_data.parquet"), HiggsRoles, mapping));

        Assert.Equal("unmapped-channel", error.Code);
        Assert.Equal("PRI_n_jets", error.Column);
        Assert.Equal(18, error.Row); // row 18 (0-based) is the first with 4 or more jets (it has 5)
        Assert.Contains("value 5", error.Message);
    }

    [Fact]
    public async Task IngestAsync_StoresBothUploadsOnce_WhenSameParquetIsUploadedTwice()
    {
        var path = DatasetTestFiles.Data("FAIR_Universe_HiggsML_data.parquet");

        var first = await files.IngestFileAsync(path, HiggsRoles, JetCategories);
        var second = await files.IngestFileAsync(path, HiggsRoles, JetCategories);

        Assert.Equal(first.Sha256, second.Sha256);
        Assert.Equal(first.StoredPath, second.StoredPath);
        Assert.Equal(new FileInfo(path).Length, first.SizeBytes);
        Assert.Single(Directory.GetFiles(files.Store.Root, "*.parquet", SearchOption.AllDirectories));
    }

    [Fact]
    public async Task IngestAsync_KeepsNegativeWeights_WhenNanoAodTtbarHasThem()
    {
        var csv = await AddBackgroundLabelAsync(DatasetTestFiles.Data("nano_ttbar_flat.csv"));

        var dataset = await files.IngestTextAsync(csv);

        var group = Assert.Single(dataset.Summary.Groups);
        Assert.Equal(["all"], dataset.Summary.Channels);
        Assert.Null(dataset.Roles.Channel);
        Assert.Equal("event", dataset.Roles.Event);
        Assert.Equal(200, group.Events);
        Assert.Equal(33432090.0, group.WeightSum, 1e-6);
        Assert.Equal(-5873205.0, group.NegativeWeightSum, 1e-6);
    }

    [Fact]
    public async Task IngestAsync_RejectsNamingLabel_WhenNanoAodHasNoLabelColumn()
    {
        var error = await Assert.ThrowsAsync<DatasetValidationException>(() => files.IngestFileAsync(DatasetTestFiles.Data("nano_ttbar_flat.parquet")));

        Assert.Equal("missing-column", error.Code);
        Assert.Equal("signal_label", error.Column);
    }

    [Fact]
    public async Task IngestAsync_SummarisesChannelsAndMasses_WhenSyntheticHnlHeadIsUploaded()
    {
        var dataset = await files.IngestFileAsync(DatasetTestFiles.Data("hnl_like_head_5000.csv"));

        Assert.Equal(5000, dataset.Summary.Rows);
        Assert.Equal(["tee", "tem", "tmm", "tte", "ttm"], dataset.Summary.Channels);
        Assert.Equal([85.0, 100, 150, 200, 300, 400, 500, 700, 1000], dataset.Summary.SignalMasses);
        (string Channel, int Label, long Events, double WeightSum, double NegativeSum)[] expected =
        [
            ("tee", 0, 621, 513.665239, -14.148911), ("tee", 1, 397, 156.23780527, 0),
            ("tem", 0, 659, 562.984378, -11.627817), ("tem", 1, 342, 171.93609741, 0),
            ("tmm", 0, 606, 493.981647, -19.632806), ("tmm", 1, 374, 200.53946418, 0),
            ("tte", 0, 659, 540.9404003, -16.969413), ("tte", 1, 339, 178.8639662, 0),
            ("ttm", 0, 647, 495.761933, -20.908255), ("ttm", 1, 356, 203.60521781, 0),
        ];
        Assert.Equal(expected.Length, dataset.Summary.Groups.Count);
        foreach (var (want, group) in expected.Zip(dataset.Summary.Groups))
        {
            Assert.Equal((want.Channel, want.Label, want.Events), (group.Channel, group.Label, group.Events));
            Assert.Equal(want.WeightSum, group.WeightSum, 1e-9);
            Assert.Equal(want.NegativeSum, group.NegativeWeightSum, 1e-9);
        }
    }

    /// <summary>The NanoAOD file is one background process without a label column, so the test appends one.</summary>
    private static async Task<string> AddBackgroundLabelAsync(string path)
    {
        var lines = await File.ReadAllLinesAsync(path);
        return string.Join("\n", lines.Select((line, index) => line + (index == 0 ? ",signal_label" : ",0")));
    }
}
