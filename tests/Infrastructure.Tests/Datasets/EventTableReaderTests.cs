using HnlService.Infrastructure.Datasets;

namespace HnlService.Infrastructure.Tests.Datasets;

public sealed class EventTableReaderTests : IDisposable
{
    private readonly DatasetTestFiles files = new();

    public void Dispose() => files.Dispose();

    [Fact]
    public async Task ReadAsync_ConvertsToRequestedTypes_WhenColumnsAreStoredAsOtherTypes()
    {
        var path = await files.WriteParquetAsync("types.parquet",
        [
            TestColumn.Of("genWeight", 0.25f, -1.5f, 2f),
            TestColumn.Of("signal_label", 1.0, 0.0, 1.0),
            TestColumn.Of("channel", 4.0f, 0.0f, 4.0f),
            TestColumn.Of("mass_hyp", 85, 999, 100),
            TestColumn.Of("event", 7, 8, 9),
            TestColumn.Of("n_jets", 2, 0, 1),
            TestColumn.Nullable<long>("pt_1", 10, null, 30),
            TestColumn.Of("is_tight", true, false, true),
        ]);
        var reader = new EventTableReader();

        var table = await reader.ReadAsync(path, new ColumnRoles(), ChannelMapping.Default, ["n_jets", "pt_1", "is_tight"], ["pt_1"], CancellationToken.None);

        Assert.Equal([0.25, -1.5, 2.0], table.Weights);
        Assert.Equal([true, false, true], table.IsSignal);
        Assert.Equal(["tee", "ttm"], table.ChannelNames);
        Assert.Equal([1, 0, 1], table.ChannelIndex);
        Assert.Equal(85.0, table.Masses[0]);
        Assert.True(double.IsNaN(table.Masses[1]), "background rows carry no mass");
        Assert.Equal(100.0, table.Masses[2]);
        Assert.Equal([7L, 8L, 9L], table.EventNumbers!);
        Assert.Equal([2f, 0f, 1f], table.Features["n_jets"]);
        Assert.Equal(10f, table.Features["pt_1"][0]);
        Assert.True(float.IsNaN(table.Features["pt_1"][1]), "a null feature is NaN");
        Assert.Equal([1f, 0f, 1f], table.Features["is_tight"]);
        Assert.True(double.IsNaN(table.Discriminants["pt_1"][1]));
        Assert.Equal(30.0, table.Discriminants["pt_1"][2]);
    }

    [Fact]
    public async Task ReadAsync_OrdersStringChannelsAlphabetically_WhenChannelIsText()
    {
        var path = await files.WriteParquetAsync("names.parquet",
        [
            TestColumn.Of("genWeight", 1.0, 1.0, 1.0, 1.0),
            TestColumn.Of("signal_label", 0, 1, 0, 1),
            TestColumn.Text("channel", "tmm", "eee", "tmm", "emm"),
        ]);
        var reader = new EventTableReader();

        var table = await reader.ReadAsync(path, new ColumnRoles(Mass: null, Event: null), ChannelMapping.Default, [], [], CancellationToken.None);

        Assert.Equal(["eee", "emm", "tmm"], table.ChannelNames);
        Assert.Equal([2, 0, 2, 1], table.ChannelIndex);
        Assert.All(table.Masses, mass => Assert.True(double.IsNaN(mass)));
    }

    [Fact]
    public async Task ReadAsync_GroupsValues_WhenMappingSharesNames()
    {
        var mapping = new ChannelMapping(new Dictionary<long, string> { [0] = "0jets", [1] = "1jet", [2] = "2+jets", [3] = "2+jets" });
        var path = await files.WriteParquetAsync("jets.parquet",
        [
            TestColumn.Of("weights", 1.0, 1.0, 1.0, 1.0),
            TestColumn.Of("labels", 0f, 1f, 0f, 1f),
            TestColumn.Of("n_jets", 3, 0, 2, 3),
        ], 1, 3);
        var reader = new EventTableReader();
        var roles = new ColumnRoles("weights", "labels", "n_jets", null, null);

        var table = await reader.ReadAsync(path, roles, mapping, [], [], CancellationToken.None);

        Assert.Equal(["0jets", "2+jets"], table.ChannelNames);
        Assert.Equal([1, 0, 1, 1], table.ChannelIndex);
    }

    [Fact]
    public async Task ReadAsync_PutsEveryEventInChannelAll_WhenNoChannelColumn()
    {
        var path = await files.WriteParquetAsync("single.parquet",
        [
            TestColumn.Of("genWeight", 1.0, 2.0),
            TestColumn.Of("signal_label", 0, 1),
        ]);
        var reader = new EventTableReader();

        var table = await reader.ReadAsync(path, new ColumnRoles(Channel: null, Mass: null, Event: null), ChannelMapping.Default, [], [], CancellationToken.None);

        Assert.Equal(["all"], table.ChannelNames);
        Assert.Equal([0, 0], table.ChannelIndex);
        Assert.Null(table.EventNumbers);
    }

    [Fact]
    public async Task ReadRowGroupsAsync_YieldsOneSlicePerRowGroup_WhenFileHasSeveralGroups()
    {
        var path = await files.WriteParquetAsync("groups.parquet",
        [
            TestColumn.Of("a", 1f, 2f, 3f, 4f, 5f),
            TestColumn.Of("b", 10L, 20L, 30L, 40L, 50L),
            TestColumn.Of("c", 0.5, 0.5, 0.5, 0.5, 0.5),
        ], 2, 3);
        await using var source = await ParquetColumnSource.OpenAsync(path, CancellationToken.None);

        var groups = new List<RowGroupColumns>();
        await foreach (var group in source.ReadRowGroupsAsync([new ColumnRequest("b", ColumnKind.Int64), new ColumnRequest("a", ColumnKind.Float64)], CancellationToken.None))
        {
            groups.Add(group);
        }

        Assert.Equal([0L, 2L], groups.Select(group => group.FirstRow));
        Assert.Equal([30L, 40L, 50L], groups[1].Slices[0].Int64!);
        Assert.Equal([3.0, 4.0, 5.0], groups[1].Slices[1].Float64!);
        Assert.Null(groups[1].Slices[1].Nulls);
    }
}
