using HnlService.Infrastructure.Datasets;

namespace HnlService.Infrastructure.Tests.Datasets;

/// <summary>Small files shaped like ones seen in the wild that break readers, built here with Parquet.Net.</summary>
public sealed class WildFileTests : IDisposable
{
    private static readonly ColumnRoles NoOptionalRoles = new(Channel: null, Mass: null, Event: null);

    private readonly DatasetTestFiles files = new();

    public void Dispose() => files.Dispose();

    [Fact]
    public async Task IngestAsync_HidesPandasIndex_WhenFileHasIndexLevelColumn()
    {
        // pandas writes its index as the first column; a reader that counts it would shift every column by one.
        var path = await files.WriteParquetAsync("pandas.parquet",
        [
            TestColumn.Of<long>("__index_level_0__", 10, 11, 12),
            TestColumn.Of("channel", 4L, 0L, 2L),
            TestColumn.Of("signal_label", 1L, 0L, 0L),
            TestColumn.Of("genWeight", 0.5, 2.0, -1.0),
        ]);

        var dataset = await files.IngestFileAsync(path);

        Assert.Equal(["channel", "signal_label", "genWeight"], dataset.Schema.Columns.Select(column => column.Name));
        Assert.DoesNotContain("__index_level_0__", dataset.Summary.NumericColumns);
        Assert.Equal(["tee", "tmm", "ttm"], dataset.Summary.Channels);
        var signal = Assert.Single(dataset.Summary.Groups, group => group.Label == 1);
        Assert.Equal(("ttm", 1L, 0.5), (signal.Channel, signal.Events, signal.WeightSum));
    }

    [Fact]
    public async Task ReadAsync_ReadsFlatColumns_WhenJaggedListSitsBetweenThem()
    {
        var path = await files.WriteParquetAsync("awkward.parquet",
        [
            TestColumn.Of("genWeight", 1.0, 2.0, 3.0),
            TestColumn.Jagged("Muon_pt", [30f, 20f], [15f], [50f, 40f, 10f]),
            TestColumn.Of("signal_label", 0, 1, 1),
            TestColumn.Of("Mt_tot", 100f, 200f, 300f),
        ]);
        var reader = new EventTableReader();

        var table = await reader.ReadAsync(path, NoOptionalRoles, ChannelMapping.Default, ["Mt_tot"], [], CancellationToken.None);

        Assert.Equal([100f, 200f, 300f], table.Features["Mt_tot"]);
        Assert.Equal([1.0, 2.0, 3.0], table.Weights);
        Assert.Equal([false, true, true], table.IsSignal);
    }

    [Fact]
    public async Task ReadAsync_RejectsWithFlatteningAdvice_WhenJaggedListIsRequested()
    {
        var path = await files.WriteParquetAsync("awkward.parquet",
        [
            TestColumn.Of("genWeight", 1.0, 2.0),
            TestColumn.Jagged("Muon_pt", [30f, 20f], [15f]),
            TestColumn.Of("signal_label", 0, 1),
        ]);
        var reader = new EventTableReader();

        var error = await Assert.ThrowsAsync<DatasetValidationException>(() =>
            reader.ReadAsync(path, NoOptionalRoles, ChannelMapping.Default, ["Muon_pt"], [], CancellationToken.None));

        Assert.Equal("nested-column", error.Code);
        Assert.Equal("Muon_pt", error.Column);
        Assert.Contains("flattened", error.Message);
    }

    [Fact]
    public async Task IngestAsync_ListsInt96AsNotNumeric_WhenTimestampColumnIsUnused()
    {
        var path = await files.WriteParquetAsync("spark.parquet",
        [
            TestColumn.Int96("recorded", new DateTime(2015, 7, 1, 0, 0, 0, DateTimeKind.Utc), new DateTime(2015, 7, 2, 0, 0, 0, DateTimeKind.Utc)),
            TestColumn.Of("genWeight", 1.5, 2.5),
            TestColumn.Of("signal_label", true, false),
        ]);

        var dataset = await files.IngestFileAsync(path);

        var recorded = Assert.Single(dataset.Schema.Columns, column => column.Name == "recorded");
        Assert.Equal("INT96", recorded.PhysicalType);
        Assert.False(recorded.IsNumericFeature);
        Assert.Equal(4.0, dataset.Summary.Groups.Sum(group => group.WeightSum));
    }

    [Fact]
    public async Task IngestAsync_RejectsNamingWeight_WhenWeightColumnIsAllNull()
    {
        var path = await files.WriteParquetAsync("null-weights.parquet",
        [
            TestColumn.Nullable<double>("genWeight", null, null, null),
            TestColumn.Of("signal_label", 0, 1, 0),
        ]);

        var error = await Assert.ThrowsAsync<DatasetValidationException>(() => files.IngestFileAsync(path));

        Assert.Equal("invalid-weight", error.Code);
        Assert.Equal("genWeight", error.Column);
        Assert.Equal(0, error.Row);
        Assert.Contains("null", error.Message);
    }

    [Fact]
    public async Task IngestAsync_RejectsNamingWeight_WhenWeightColumnIsAllNaN()
    {
        var path = await files.WriteParquetAsync("nan-weights.parquet",
        [
            TestColumn.Of("genWeight", double.NaN, double.NaN),
            TestColumn.Of("signal_label", 0, 1),
        ]);

        var error = await Assert.ThrowsAsync<DatasetValidationException>(() => files.IngestFileAsync(path));

        Assert.Equal("invalid-weight", error.Code);
        Assert.Equal("genWeight", error.Column);
        Assert.Contains("NaN", error.Message);
    }

    [Fact]
    public async Task ReadAsync_KeepsRowsInOrder_WhenMiddleRowGroupIsEmpty()
    {
        var path = await files.WriteParquetAsync("empty-group.parquet",
        [
            TestColumn.Of("genWeight", 1.0, 2.0, 3.0, 4.0),
            TestColumn.Of("signal_label", 1, 0, 1, 0),
            TestColumn.Of("channel", 0, 1, 2, 3),
            TestColumn.Of("mass_hyp", 85.0, 0.0, 100.0, 0.0),
        ], 2, 0, 2);
        var reader = new EventTableReader();

        var table = await reader.ReadAsync(path, new ColumnRoles(Event: null), ChannelMapping.Default, [], [], CancellationToken.None);

        Assert.Equal(4, table.RowCount);
        Assert.Equal([1.0, 2.0, 3.0, 4.0], table.Weights);
        Assert.Equal(["tee", "tem", "tmm", "tte"], table.ChannelNames);
        Assert.Equal([0, 1, 2, 3], table.ChannelIndex);
        Assert.Equal(85.0, table.Masses[0]);
        Assert.True(double.IsNaN(table.Masses[1]));
        Assert.Equal(100.0, table.Masses[2]);
    }

    [Fact]
    public async Task IngestAsync_CountsAllRows_WhenMiddleRowGroupIsEmpty()
    {
        var path = await files.WriteParquetAsync("empty-group.parquet",
        [
            TestColumn.Of("genWeight", 1.0, 2.0, 3.0),
            TestColumn.Of("signal_label", 1, 0, 1),
        ], 1, 0, 2);

        var dataset = await files.IngestFileAsync(path);

        Assert.Equal(3, dataset.Schema.RowGroupCount);
        Assert.Equal(3, dataset.Summary.Rows);
        Assert.Equal(4.0, Assert.Single(dataset.Summary.Groups, group => group.Label == 1).WeightSum);
    }
}
