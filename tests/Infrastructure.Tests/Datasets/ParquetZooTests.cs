using HnlService.Infrastructure.Datasets;

namespace HnlService.Infrastructure.Tests.Datasets;

/// <summary>
/// The 16 DuckDB-written files of the parquet zoo, each with the outcome its README table expects.
/// Every file has 3,000 rows and every third row is signal, so 1,000 signal and 2,000 background events.
/// </summary>
public sealed class ParquetZooTests : IDisposable
{
    private static readonly string[] NotebookChannels = ["tee", "tem", "tmm", "tte", "ttm"];

    private readonly DatasetTestFiles files = new();

    public void Dispose() => files.Dispose();

    [Theory]
    [InlineData("duckdb_default.parquet")]
    [InlineData("duckdb_zstd_small_rowgroups.parquet")]
    [InlineData("duckdb_uncompressed.parquet")]
    [InlineData("duckdb_v2_pages.parquet")]
    public async Task IngestAsync_AcceptsWithNotebookChannels_WhenWrittenByDuckDb(string fileName)
    {
        var dataset = await files.IngestFileAsync(DatasetTestFiles.Zoo(fileName));

        Assert.Equal(3000, dataset.Schema.RowCount);
        Assert.Equal(3000, dataset.Summary.Rows);
        Assert.Equal(NotebookChannels, dataset.Summary.Channels);
        Assert.Equal(1000, dataset.Summary.Groups.Where(group => group.Label == 1).Sum(group => group.Events));
        Assert.Equal(2000, dataset.Summary.Groups.Where(group => group.Label == 0).Sum(group => group.Events));
        Assert.Contains(dataset.Schema.Columns, column => column.Name == "deltaphi_1(23)" && column.IsNumericFeature);
        Assert.Equal("mass_hyp", dataset.Roles.Mass);
        Assert.Equal("event", dataset.Roles.Event);
        Assert.NotEmpty(dataset.Summary.SignalMasses);
        Assert.True(dataset.Summary.Groups.Sum(group => group.NegativeWeightSum) < 0, "the zoo has some negative weights");
    }

    [Theory]
    [InlineData("duckdb_zstd_small_rowgroups.parquet")]
    [InlineData("duckdb_uncompressed.parquet")]
    [InlineData("duckdb_v2_pages.parquet")]
    public async Task IngestAsync_GivesSameSummaryAsDefaultFile_WhenOnlyEncodingDiffers(string fileName)
    {
        var reference = await files.IngestFileAsync(DatasetTestFiles.Zoo("duckdb_default.parquet"));

        var variant = await files.IngestFileAsync(DatasetTestFiles.Zoo(fileName));

        Assert.Equal(reference.Summary.SignalMasses, variant.Summary.SignalMasses);
        Assert.Equal(reference.Summary.Groups.Count, variant.Summary.Groups.Count);
        foreach (var (expected, actual) in reference.Summary.Groups.Zip(variant.Summary.Groups))
        {
            Assert.Equal(expected.Channel, actual.Channel);
            Assert.Equal(expected.Label, actual.Label);
            Assert.Equal(expected.Events, actual.Events);
            Assert.Equal(expected.WeightSum, actual.WeightSum, 1e-9);
            Assert.Equal(expected.NegativeWeightSum, actual.NegativeWeightSum, 1e-9);
        }
    }

    [Fact]
    public async Task IngestAsync_SplitsRowGroups_WhenFileHasSmallRowGroups()
    {
        var dataset = await files.IngestFileAsync(DatasetTestFiles.Zoo("duckdb_zstd_small_rowgroups.parquet"));

        Assert.True(dataset.Schema.RowGroupCount > 1);
    }

    [Fact]
    public async Task IngestAsync_RejectsNamingFirstNullRow_WhenWeightHasNulls()
    {
        var error = await Assert.ThrowsAsync<DatasetValidationException>(() => files.IngestFileAsync(DatasetTestFiles.Zoo("duckdb_with_nulls.parquet")));

        Assert.Equal("invalid-weight", error.Code);
        Assert.Equal("genWeight", error.Column);
        Assert.Equal(88, error.Row); // first null genWeight, found by reading the file's definition levels in a separate probe
        Assert.Contains("null", error.Message);
        Assert.Contains("row 88", error.Message);
    }

    [Fact]
    public async Task IngestAsync_ReadsChannelsByNameAndBooleanLabels_WhenStringsAreDictionaryEncoded()
    {
        var dataset = await files.IngestFileAsync(DatasetTestFiles.Zoo("duckdb_nullable_no_nulls_dictionary.parquet"));

        Assert.Equal(NotebookChannels, dataset.Summary.Channels);
        Assert.Equal(1000, dataset.Summary.Groups.Where(group => group.Label == 1).Sum(group => group.Events));
        Assert.Contains(dataset.Schema.Columns, column => column.Name == "channel" && column.PhysicalType == "BYTE_ARRAY" && !column.IsNumericFeature);
    }

    [Fact]
    public async Task IngestAsync_AcceptsFlatColumns_WhenFileAlsoHasJaggedLists()
    {
        var dataset = await files.IngestFileAsync(DatasetTestFiles.Zoo("duckdb_jagged_lists.parquet"));

        var leptonPt = Assert.Single(dataset.Schema.Columns, column => column.Name == "Lepton_pt");
        Assert.True(leptonPt.IsNested);
        Assert.False(leptonPt.IsNumericFeature);
        Assert.Equal(3000, dataset.Summary.Rows);
    }

    [Fact]
    public async Task IngestAsync_RejectsWithFlatteningAdvice_WhenJaggedListIsARole()
    {
        var roles = new ColumnRoles(Weight: "Lepton_pt");

        var error = await Assert.ThrowsAsync<DatasetValidationException>(() => files.IngestFileAsync(DatasetTestFiles.Zoo("duckdb_jagged_lists.parquet"), roles));

        Assert.Equal("nested-column", error.Code);
        Assert.Equal("Lepton_pt", error.Column);
        Assert.Contains("flatten", error.Message);
    }

    [Fact]
    public async Task ReadAsync_RejectsWithFlatteningAdvice_WhenJaggedListIsAFeature()
    {
        var reader = new EventTableReader();
        var roles = new ColumnRoles();

        var error = await Assert.ThrowsAsync<DatasetValidationException>(() => reader.ReadAsync(
            DatasetTestFiles.Zoo("duckdb_jagged_lists.parquet"), roles, ChannelMapping.Default, ["Mt_tot", "Lepton_eta"], [], CancellationToken.None));

        Assert.Equal("nested-column", error.Code);
        Assert.Equal("Lepton_eta", error.Column);
        Assert.Contains("awkward.flatten", error.Message);
    }

    [Fact]
    public async Task IngestAsync_ListsTimestampAndDecimalAsNotNumeric_WhenFileHasThem()
    {
        var dataset = await files.IngestFileAsync(DatasetTestFiles.Zoo("duckdb_timestamp_and_decimal.parquet"));

        var timestamp = Assert.Single(dataset.Schema.Columns, column => column.Name == "run_time");
        var decimalColumn = Assert.Single(dataset.Schema.Columns, column => column.Name == "weight_decimal");
        Assert.False(timestamp.IsNumericFeature);
        Assert.Equal("TIMESTAMP", timestamp.LogicalType);
        Assert.False(decimalColumn.IsNumericFeature);
        Assert.StartsWith("DECIMAL", decimalColumn.LogicalType);
        Assert.DoesNotContain("run_time", dataset.Summary.NumericColumns);
        Assert.Contains("Mt_tot", dataset.Summary.NumericColumns);
    }

    [Fact]
    public async Task IngestAsync_RejectsAsNoRows_WhenFileHasSchemaOnly()
    {
        var error = await Assert.ThrowsAsync<DatasetValidationException>(() => files.IngestFileAsync(DatasetTestFiles.Zoo("duckdb_zero_rows.parquet")));

        Assert.Equal("no-rows", error.Code);
    }

    [Fact]
    public async Task IngestAsync_RejectsNamingWeight_WhenEveryWeightIsNaN()
    {
        var error = await Assert.ThrowsAsync<DatasetValidationException>(() => files.IngestFileAsync(DatasetTestFiles.Zoo("duckdb_weight_all_nan.parquet")));

        Assert.Equal("invalid-weight", error.Code);
        Assert.Equal("genWeight", error.Column);
        Assert.Equal(0, error.Row);
        Assert.Contains("NaN", error.Message);
    }

    [Fact]
    public async Task IngestAsync_RejectsNamingLabelAndValue_WhenLabelIsTwo()
    {
        var error = await Assert.ThrowsAsync<DatasetValidationException>(() => files.IngestFileAsync(DatasetTestFiles.Zoo("duckdb_label_out_of_range.parquet")));

        Assert.Equal("invalid-label", error.Code);
        Assert.Equal("signal_label", error.Column);
        Assert.Contains("label 2", error.Message);
    }

    [Fact]
    public async Task IngestAsync_RejectsNamingWeightAndType_WhenWeightIsText()
    {
        var error = await Assert.ThrowsAsync<DatasetValidationException>(() => files.IngestFileAsync(DatasetTestFiles.Zoo("duckdb_string_weight.parquet")));

        Assert.Equal("non-numeric-column", error.Code);
        Assert.Equal("genWeight", error.Column);
        Assert.Contains("BYTE_ARRAY", error.Message);
    }

    [Fact]
    public async Task IngestAsync_AcceptsFloatChannelAndLabel_WhenValuesAreWhole()
    {
        var dataset = await files.IngestFileAsync(DatasetTestFiles.Zoo("duckdb_int_labels_float_channel.parquet"));

        Assert.Equal(NotebookChannels, dataset.Summary.Channels);
        Assert.Equal(1000, dataset.Summary.Groups.Where(group => group.Label == 1).Sum(group => group.Events));
        Assert.All(dataset.Summary.SignalMasses, mass => Assert.Equal(Math.Round(mass), mass));
    }

    [Fact]
    public async Task IngestAsync_ListsStructAsNotNumeric_WhenFileHasStructColumn()
    {
        var dataset = await files.IngestFileAsync(DatasetTestFiles.Zoo("duckdb_struct_column.parquet"));

        var lepton = Assert.Single(dataset.Schema.Columns, column => column.Name == "leading_lepton");
        Assert.True(lepton.IsNested);
        Assert.False(lepton.IsNumericFeature);
        Assert.Equal("STRUCT", lepton.LogicalType);
    }

    [Fact]
    public async Task IngestAsync_RejectsNamingMass_WhenMassRoleIsExplicitAndColumnMissing()
    {
        var request = new ColumnRoleRequest(new ColumnRoles(), ChannelIsExplicit: false, MassIsExplicit: true, EventIsExplicit: false);
        await using var stream = File.OpenRead(DatasetTestFiles.Zoo("duckdb_missing_mass.parquet"));

        var error = await Assert.ThrowsAsync<DatasetValidationException>(() =>
            files.Ingestor.IngestAsync(stream, "duckdb_missing_mass.parquet", request, null, CancellationToken.None));

        Assert.Equal("missing-column", error.Code);
        Assert.Equal("mass_hyp", error.Column);
    }

    [Fact]
    public async Task IngestAsync_DropsMassRole_WhenMassIsDefaultedAndColumnMissing()
    {
        var dataset = await files.IngestFileAsync(DatasetTestFiles.Zoo("duckdb_missing_mass.parquet"));

        Assert.Null(dataset.Roles.Mass);
        Assert.Empty(dataset.Summary.SignalMasses);
    }

    [Fact]
    public async Task ReadAsync_ReadsOnlyRequestedColumns_WhenFileHasManyColumns()
    {
        var dataset = await files.IngestFileAsync(DatasetTestFiles.Zoo("duckdb_many_columns.parquet"));
        var reader = new EventTableReader();

        var table = await reader.ReadAsync(
            files.Store.GetFullPath(dataset.StoredPath), dataset.Roles, dataset.Mapping, ["f_299"], ["f_299", "f_0"], CancellationToken.None);

        Assert.Equal(305, dataset.Schema.Columns.Count);
        Assert.Equal(3000, table.RowCount);
        Assert.Equal(["f_299"], table.Features.Keys);
        Assert.Equal(["f_299", "f_0"], table.Discriminants.Keys);
        Assert.Equal(table.Discriminants["f_299"].Select(value => (float)value), table.Features["f_299"]);
    }
}
