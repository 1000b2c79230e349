using System.Text;
using HnlService.Infrastructure.Datasets;
using Parquet;

namespace HnlService.Infrastructure.Tests.Datasets;

public sealed class CsvToParquetConverterTests : IDisposable
{
    private readonly DatasetTestFiles files = new();

    public void Dispose() => files.Dispose();

    [Fact]
    public async Task ConvertAsync_InfersEachColumnType_WhenValuesDiffer()
    {
        var csv = "ints,floats,flags,names,empty,mixed\n1,1,true,tee,,1\n-2,2.5,False,tem,,true\n";

        var path = await ConvertAsync(csv);

        await using var reader = await ParquetReader.CreateAsync(path);
        var types = reader.Schema.DataFields.ToDictionary(field => field.Name, field => field.ClrType);
        Assert.Equal(typeof(long), types["ints"]);
        Assert.Equal(typeof(double), types["floats"]);
        Assert.Equal(typeof(bool), types["flags"]);
        Assert.Equal(typeof(ReadOnlyMemory<char>), types["names"]);
        Assert.Equal(typeof(double), types["empty"]);
        Assert.Equal(typeof(ReadOnlyMemory<char>), types["mixed"]);
        Assert.False(reader.Schema.DataFields.Single(field => field.Name == "ints").IsNullable);
        Assert.True(reader.Schema.DataFields.Single(field => field.Name == "empty").IsNullable);
    }

    [Fact]
    public async Task ConvertAsync_KeepsQuotedCommasAndNewlines_WhenFieldsAreQuoted()
    {
        var csv = "\uFEFFgenWeight,signal_label,\"deltaphi_1(23)\",note\r\n1.5,1,0.25,\"a, \"\"quoted\"\"\r\nnote\"\r\n-2,0,1e-3,plain\r\n";

        var path = await ConvertAsync(csv);

        await using var source = await ParquetColumnSource.OpenAsync(path, CancellationToken.None);
        Assert.Equal(["genWeight", "signal_label", "deltaphi_1(23)", "note"], source.Schema.Columns.Select(column => column.Name));
        var group = await FirstGroupAsync(source, [new("note", ColumnKind.Text), new("deltaphi_1(23)", ColumnKind.Float64), new("genWeight", ColumnKind.Float64)]);
        Assert.Equal(new string?[] { "a, \"quoted\"\r\nnote", "plain" }, group.Slices[0].Text!.AsEnumerable());
        Assert.Equal([0.25, 0.001], group.Slices[1].Float64!);
        Assert.Equal([1.5, -2.0], group.Slices[2].Float64!);
    }

    [Fact]
    public async Task ConvertAsync_WritesNulls_WhenCellsAreEmpty()
    {
        var path = await ConvertAsync("x,y\n1,\n,2.5\n3,4\n");

        await using var source = await ParquetColumnSource.OpenAsync(path, CancellationToken.None);
        var group = await FirstGroupAsync(source, [new("x", ColumnKind.Int64), new("y", ColumnKind.Float64)]);
        Assert.Equal([false, true, false], group.Slices[0].Nulls!);
        Assert.Equal([1L, 0L, 3L], group.Slices[0].Int64!);
        Assert.True(double.IsNaN(group.Slices[1].Float64![0]));
        Assert.Equal(2.5, group.Slices[1].Float64![1]);
    }

    [Fact]
    public async Task ConvertAsync_SplitsRowGroups_WhenRowsExceedOneGroup()
    {
        var rows = CsvToParquetConverter.RowGroupRows + 5;
        var csv = new StringBuilder("n\n");
        for (var row = 0; row < rows; row++) csv.Append(row).Append('\n');

        var path = await ConvertAsync(csv.ToString());

        await using var reader = await ParquetReader.CreateAsync(path);
        Assert.Equal(2, reader.RowGroupCount);
        Assert.Equal(rows, reader.Metadata!.NumRows);
    }

    [Fact]
    public async Task ConvertAsync_NamesUnnamedColumnLikePandas_WhenHeaderCellIsEmpty()
    {
        var path = await ConvertAsync(",genWeight\n0,1.5\n1,2.5\n");

        await using var source = await ParquetColumnSource.OpenAsync(path, CancellationToken.None);
        Assert.Equal(["Unnamed: 0", "genWeight"], source.Schema.Columns.Select(column => column.Name));
    }

    [Fact]
    public async Task ConvertAsync_WritesSameBytes_WhenSameCsvIsConvertedTwice()
    {
        var first = await ConvertAsync("a,b\n1,x\n2,y\n");
        var second = await ConvertAsync("a,b\n1,x\n2,y\n");

        Assert.Equal(await File.ReadAllBytesAsync(first), await File.ReadAllBytesAsync(second));
    }

    [Fact]
    public async Task ConvertAsync_RejectsDuplicateHeader_WhenNameRepeats()
    {
        var error = await Assert.ThrowsAsync<DatasetValidationException>(() => ConvertAsync("a,b,a\n1,2,3\n"));

        Assert.Equal("invalid-format", error.Code);
        Assert.Equal("a", error.Column);
    }

    [Fact]
    public async Task ConvertAsync_RejectsUnclosedQuote_WhenFileEndsInsideQuotes()
    {
        var error = await Assert.ThrowsAsync<DatasetValidationException>(() => ConvertAsync("a,b\n1,\"open\n"));

        Assert.Equal("invalid-format", error.Code);
    }

    private async Task<string> ConvertAsync(string csv)
    {
        var csvPath = Path.Combine(files.Folder, Guid.NewGuid().ToString("N") + ".csv");
        var parquetPath = Path.ChangeExtension(csvPath, ".parquet");
        await File.WriteAllTextAsync(csvPath, csv, new UTF8Encoding(false));
        await CsvToParquetConverter.ConvertAsync(csvPath, parquetPath, CancellationToken.None);
        return parquetPath;
    }

    private static async Task<RowGroupColumns> FirstGroupAsync(ParquetColumnSource source, ColumnRequest[] requests)
    {
        await foreach (var group in source.ReadRowGroupsAsync(requests, CancellationToken.None))
        {
            return group;
        }

        throw new InvalidOperationException("The file has no row groups.");
    }
}
