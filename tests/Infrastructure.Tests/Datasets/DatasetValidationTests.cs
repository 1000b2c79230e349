using HnlService.Infrastructure.Datasets;

namespace HnlService.Infrastructure.Tests.Datasets;

/// <summary>Every validation error, each from a small bad input built here (Parquet.Net files or CSV text).</summary>
public sealed class DatasetValidationTests : IDisposable
{
    private readonly DatasetTestFiles files = new();

    public void Dispose() => files.Dispose();

    [Fact]
    public async Task IngestAsync_RejectsMissingColumn_WhenWeightColumnIsAbsent()
    {
        var error = await RejectCsvAsync("signal_label,x\n0,1\n");

        Assert.Equal("missing-column", error.Code);
        Assert.Equal("genWeight", error.Column);
        Assert.Contains("'genWeight'", error.Message);
    }

    [Fact]
    public async Task IngestAsync_RejectsMissingColumn_WhenExplicitChannelIsAbsent()
    {
        var error = await RejectCsvAsync("genWeight,signal_label\n1,0\n", new ColumnRoles(Channel: "final_state"));

        Assert.Equal("missing-column", error.Code);
        Assert.Equal("final_state", error.Column);
    }

    [Fact]
    public async Task IngestAsync_RejectsNonNumericColumn_WhenWeightIsText()
    {
        var path = await files.WriteParquetAsync("text-weight.parquet",
        [
            TestColumn.Text("genWeight", "1.0", "heavy"),
            TestColumn.Of("signal_label", 0, 1),
        ]);

        var error = await RejectFileAsync(path);

        Assert.Equal("non-numeric-column", error.Code);
        Assert.Equal("genWeight", error.Column);
        Assert.Contains("BYTE_ARRAY", error.Message);
    }

    [Fact]
    public async Task IngestAsync_NamesTextCell_WhenWeightText()
    {
        var error = await RejectCsvAsync("genWeight,signal_label\n1.5,0\n2.5,1\nheavy,0\nlight,1\n");

        Assert.Equal("non-numeric-column", error.Code);
        Assert.Equal("genWeight", error.Column);
        Assert.Equal(2, error.Row);
        Assert.Contains("'heavy'", error.Message);
        Assert.DoesNotContain("BYTE_ARRAY", error.Message);
    }

    [Fact]
    public async Task IngestAsync_ExplainsMix_WhenBooleansAndNumbers()
    {
        var error = await RejectCsvAsync("genWeight,signal_label\n1.5,0\ntrue,1\n");

        Assert.Equal("non-numeric-column", error.Code);
        Assert.Equal("genWeight", error.Column);
        Assert.Null(error.Row);
        Assert.Contains("true/false", error.Message);
    }

    [Theory]
    [InlineData("1.5|2.5|", 2, "null")]
    [InlineData("1.5|nan|3", 1, "NaN")]
    [InlineData("inf|1|3", 0, "Infinity")]
    [InlineData("1|2|-inf", 2, "-Infinity")]
    public async Task IngestAsync_RejectsInvalidWeight_WhenWeightIsNotFinite(string weightCells, long row, string shown)
    {
        var weights = weightCells.Split('|');
        var csv = "genWeight,signal_label\n" + string.Concat(weights.Select(weight => weight + ",0\n"));

        var error = await RejectCsvAsync(csv);

        Assert.Equal("invalid-weight", error.Code);
        Assert.Equal("genWeight", error.Column);
        Assert.Equal(row, error.Row);
        Assert.Contains(shown, error.Message);
        Assert.Contains($"row {row} (0-based)", error.Message);
    }

    [Theory]
    [InlineData("2", "label 2")]
    [InlineData("0.5", "label 0.5")]
    [InlineData("-1", "label -1")]
    public async Task IngestAsync_RejectsInvalidLabel_WhenLabelIsNotZeroOrOne(string label, string shown)
    {
        var error = await RejectCsvAsync($"genWeight,signal_label\n1,0\n1,1\n1,{label}\n");

        Assert.Equal("invalid-label", error.Code);
        Assert.Equal("signal_label", error.Column);
        Assert.Equal(2, error.Row);
        Assert.Contains(shown, error.Message);
    }

    [Fact]
    public async Task IngestAsync_RejectsInvalidLabel_WhenLabelIsNull()
    {
        var path = await files.WriteParquetAsync("null-label.parquet",
        [
            TestColumn.Of("genWeight", 1.0, 1.0),
            TestColumn.Nullable<int>("signal_label", 1, null),
        ]);

        var error = await RejectFileAsync(path);

        Assert.Equal("invalid-label", error.Code);
        Assert.Equal(1, error.Row);
        Assert.Contains("null", error.Message);
    }

    [Fact]
    public async Task IngestAsync_RejectsInvalidMass_WhenSignalRowHasNaNMass()
    {
        var error = await RejectCsvAsync("genWeight,signal_label,mass_hyp\n1,0,\n1,1,100\n1,0,nan\n1,1,nan\n");

        Assert.Equal("invalid-mass", error.Code);
        Assert.Equal("mass_hyp", error.Column);
        Assert.Equal(3, error.Row);
    }

    [Fact]
    public async Task IngestAsync_RejectsInvalidMass_WhenSignalRowHasNullMass()
    {
        var path = await files.WriteParquetAsync("null-mass.parquet",
        [
            TestColumn.Of("genWeight", 1.0, 1.0, 1.0),
            TestColumn.Of("signal_label", 0, 1, 1),
            TestColumn.Nullable<double>("mass_hyp", null, 85, null),
        ]);

        var error = await RejectFileAsync(path);

        Assert.Equal("invalid-mass", error.Code);
        Assert.Equal(2, error.Row);
        Assert.Contains("null", error.Message);
    }

    [Fact]
    public async Task IngestAsync_IgnoresBackgroundMasses_WhenTheyAreNull()
    {
        var dataset = await files.IngestTextAsync("genWeight,signal_label,mass_hyp\n1,0,\n2,1,100\n3,1,85\n4,0,nan\n");

        Assert.Equal([85.0, 100.0], dataset.Summary.SignalMasses);
    }

    [Fact]
    public async Task IngestAsync_RejectsNestedColumn_WhenLabelIsAList()
    {
        var path = await files.WriteParquetAsync("jagged-label.parquet",
        [
            TestColumn.Of("genWeight", 1.0, 2.0),
            TestColumn.Jagged("labels", [1f], [0f, 1f]),
        ]);

        var error = await RejectFileAsync(path, new ColumnRoles(Label: "labels"));

        Assert.Equal("nested-column", error.Code);
        Assert.Equal("labels", error.Column);
        Assert.Contains("flattened", error.Message);
    }

    [Fact]
    public async Task IngestAsync_RejectsInvalidFormat_WhenParquetFileHoldsText()
    {
        var error = await Assert.ThrowsAsync<DatasetValidationException>(() => files.IngestTextAsync("genWeight,signal_label\n1,0\n", "events.parquet"));

        Assert.Equal("invalid-format", error.Code);
        Assert.Contains("PAR1", error.Message);
    }

    [Fact]
    public async Task IngestAsync_RejectsTruncatedFile_WhenParquetTailIsCut()
    {
        var bytes = await File.ReadAllBytesAsync(DatasetTestFiles.Zoo("duckdb_default.parquet"));
        var path = Path.Combine(files.Folder, "cut.parquet");
        await File.WriteAllBytesAsync(path, bytes[..(bytes.Length / 2)]);

        var error = await RejectFileAsync(path);

        Assert.Equal("truncated-file", error.Code);
    }

    [Fact]
    public async Task IngestAsync_RejectsEmptyFile_WhenUploadHasNoBytes()
    {
        var error = await Assert.ThrowsAsync<DatasetValidationException>(() => files.IngestTextAsync("", "events.parquet"));

        Assert.Equal("empty-file", error.Code);
    }

    [Fact]
    public async Task IngestAsync_RejectsNoRows_WhenCsvHasOnlyHeader()
    {
        var error = await RejectCsvAsync("genWeight,signal_label\n");

        Assert.Equal("no-rows", error.Code);
    }

    [Fact]
    public async Task IngestAsync_RejectsNoRows_WhenParquetHasOnlyEmptyRowGroups()
    {
        var path = await files.WriteParquetAsync("empty-groups.parquet",
        [
            TestColumn.Of<double>("genWeight"),
            TestColumn.Of<int>("signal_label"),
        ], 0);

        var error = await RejectFileAsync(path);

        Assert.Equal("no-rows", error.Code);
    }

    [Fact]
    public async Task IngestAsync_RejectsUnmappedChannel_WhenValueIsNotInMapping()
    {
        var error = await RejectCsvAsync("genWeight,signal_label,channel\n1,0,4\n1,1,5\n");

        Assert.Equal("unmapped-channel", error.Code);
        Assert.Equal("channel", error.Column);
        Assert.Equal(1, error.Row);
        Assert.Contains("value 5", error.Message);
    }

    [Fact]
    public async Task IngestAsync_RejectsNonIntegerValue_WhenFloatChannelHasFraction()
    {
        var error = await RejectCsvAsync("genWeight,signal_label,channel\n1,0,1.0\n1,1,2.5\n");

        Assert.Equal("non-integer-value", error.Code);
        Assert.Equal("channel", error.Column);
        Assert.Equal(1, error.Row);
    }

    [Fact]
    public async Task IngestAsync_RejectsInvalidChannel_WhenChannelIsBoolean()
    {
        var error = await RejectCsvAsync("genWeight,signal_label,channel\n1,0,true\n1,1,false\n");

        Assert.Equal("invalid-channel", error.Code);
        Assert.Equal("channel", error.Column);
    }

    [Fact]
    public async Task IngestAsync_RejectsInvalidFormat_WhenCsvRowHasTooManyFields()
    {
        var error = await RejectCsvAsync("genWeight,signal_label\n1,0\n1,0,7\n");

        Assert.Equal("invalid-format", error.Code);
        Assert.Equal(1, error.Row);
    }

    [Fact]
    public async Task ReadAsync_RejectsNonNumericColumn_WhenFeatureIsText()
    {
        var path = await files.WriteParquetAsync("text-feature.parquet",
        [
            TestColumn.Of("genWeight", 1.0),
            TestColumn.Of("signal_label", 1),
            TestColumn.Text("process", "ttbar"),
        ]);
        var reader = new EventTableReader();

        var error = await Assert.ThrowsAsync<DatasetValidationException>(() => reader.ReadAsync(
            path, new ColumnRoles(Channel: null, Mass: null, Event: null), ChannelMapping.Default, ["process"], [], CancellationToken.None));

        Assert.Equal("non-numeric-column", error.Code);
        Assert.Equal("process", error.Column);
    }

    [Fact]
    public async Task ReadAsync_RejectsNonNumericColumn_WhenDiscriminantIsTimestamp()
    {
        var path = await files.WriteParquetAsync("timestamp-discriminant.parquet",
        [
            TestColumn.Of("genWeight", 1.0),
            TestColumn.Of("signal_label", 1),
            TestColumn.Int96("recorded", new DateTime(2015, 7, 1, 0, 0, 0, DateTimeKind.Utc)),
        ]);
        var reader = new EventTableReader();

        var error = await Assert.ThrowsAsync<DatasetValidationException>(() => reader.ReadAsync(
            path, new ColumnRoles(Channel: null, Mass: null, Event: null), ChannelMapping.Default, [], ["recorded"], CancellationToken.None));

        Assert.Equal("non-numeric-column", error.Code);
        Assert.Equal("recorded", error.Column);
        Assert.Contains("INT96", error.Message);
    }

    [Fact]
    public async Task IngestAsync_LeavesNoFilesInStore_WhenUploadIsRejected()
    {
        await RejectCsvAsync("genWeight,signal_label\n1,3\n");

        Assert.Empty(Directory.GetFiles(files.Store.Root, "*", SearchOption.AllDirectories));
    }

    private Task<DatasetValidationException> RejectCsvAsync(string csv, ColumnRoles? roles = null) =>
        Assert.ThrowsAsync<DatasetValidationException>(() => files.IngestTextAsync(csv, roles: roles));

    private Task<DatasetValidationException> RejectFileAsync(string path, ColumnRoles? roles = null) =>
        Assert.ThrowsAsync<DatasetValidationException>(() => files.IngestFileAsync(path, roles));
}
