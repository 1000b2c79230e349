using HnlService.Infrastructure.Datasets;
using HnlService.Infrastructure.Storage;
using Microsoft.Extensions.Logging.Abstractions;
using Parquet;
using Parquet.Schema;

namespace HnlService.Infrastructure.Tests.Datasets;

/// <summary>Paths of the copied test data, a scratch folder per test, and small Parquet and CSV files built in tests.</summary>
internal sealed class DatasetTestFiles : IDisposable
{
    public DatasetTestFiles()
    {
        Folder = Path.Combine(Path.GetTempPath(), "hnl-dataset-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Folder);
        Store = new FileStore(Path.Combine(Folder, "store"));
        Ingestor = new DatasetIngestor(Store, NullLogger<DatasetIngestor>.Instance);
    }

    public string Folder { get; }

    public FileStore Store { get; }

    public DatasetIngestor Ingestor { get; }

    public static string Data(string relativePath) => Path.Combine(AppContext.BaseDirectory, "TestData", "datasets", relativePath);

    public static string Zoo(string fileName) => Data(Path.Combine("parquet-zoo", fileName));

    public async Task<IngestedDataset> IngestFileAsync(string path, ColumnRoles? roles = null, ChannelMapping? mapping = null)
    {
        await using var stream = File.OpenRead(path);
        return await Ingestor.IngestAsync(stream, Path.GetFileName(path), roles ?? new ColumnRoles(), mapping, CancellationToken.None);
    }

    public async Task<IngestedDataset> IngestTextAsync(string csv, string fileName = "upload.csv", ColumnRoles? roles = null, ChannelMapping? mapping = null)
    {
        using var stream = new MemoryStream(System.Text.Encoding.UTF8.GetBytes(csv));
        return await Ingestor.IngestAsync(stream, fileName, roles ?? new ColumnRoles(), mapping, CancellationToken.None);
    }

    /// <summary>Writes a Parquet file with Parquet.Net; each row group gets the same columns, sliced by <paramref name="rowGroupSizes"/>.</summary>
    public async Task<string> WriteParquetAsync(string name, IReadOnlyList<TestColumn> columns, params int[] rowGroupSizes)
    {
        var path = Path.Combine(Folder, name);
        var schema = new ParquetSchema(columns.Select(column => column.Field));
        var rows = columns[0].RowCount;
        if (rowGroupSizes.Length == 0) rowGroupSizes = [rows];

        await using (var stream = File.Create(path))
        await using (var writer = await ParquetWriter.CreateAsync(schema, stream))
        {
            var offset = 0;
            foreach (var size in rowGroupSizes)
            {
                using var group = writer.CreateRowGroup();
                foreach (var column in columns)
                {
                    await column.WriteAsync(group, offset, size);
                }

                offset += size;
            }
        }

        return path;
    }

    public void Dispose()
    {
        if (Directory.Exists(Folder)) Directory.Delete(Folder, recursive: true);
    }
}

/// <summary>One column of a Parquet file built in a test.</summary>
internal abstract record TestColumn(Field Field)
{
    public abstract int RowCount { get; }

    public abstract Task WriteAsync(ParquetRowGroupWriter group, int offset, int count);

    public static TestColumn Of<T>(string name, params T[] values) where T : struct => new Plain<T>(new DataField<T>(name), values);

    public static TestColumn Nullable<T>(string name, params T?[] values) where T : struct => new NullablePlain<T>(new DataField<T?>(name), values);

    public static TestColumn Text(string name, params string?[] values) => new TextColumn(new DataField<string>(name, true), values);

    /// <summary>A list&lt;float&gt; column as awkward-array writes jagged per-particle values.</summary>
    public static TestColumn Jagged(string name, params float[][] rows) => new JaggedColumn(new ListField(name, new DataField<float>("element")), rows);

    /// <summary>An INT96 timestamp, the legacy Impala/Spark encoding many readers cannot use as a number.</summary>
    public static TestColumn Int96(string name, params DateTime[] values) => new Int96Column(new DateTimeDataField(name, DateTimeFormat.Impala), values);

    private sealed record Plain<T>(DataField Data, T[] Values) : TestColumn(Data) where T : struct
    {
        public override int RowCount => Values.Length;

        public override Task WriteAsync(ParquetRowGroupWriter group, int offset, int count) =>
            group.WriteAsync<T>(Data, Values.AsMemory(offset, count), null, null, CancellationToken.None);
    }

    private sealed record NullablePlain<T>(DataField Data, T?[] Values) : TestColumn(Data) where T : struct
    {
        public override int RowCount => Values.Length;

        public override Task WriteAsync(ParquetRowGroupWriter group, int offset, int count) =>
            group.WriteAsync<T>(Data, Values.AsMemory(offset, count), null, null, CancellationToken.None);
    }

    private sealed record TextColumn(DataField Data, string?[] Values) : TestColumn(Data)
    {
        public override int RowCount => Values.Length;

        public override Task WriteAsync(ParquetRowGroupWriter group, int offset, int count) =>
            group.WriteAsync(Data, new ArraySegment<string>(Values!, offset, count), null);
    }

    private sealed record Int96Column(DataField Data, DateTime[] Values) : TestColumn(Data)
    {
        public override int RowCount => Values.Length;

        public override Task WriteAsync(ParquetRowGroupWriter group, int offset, int count) =>
            group.WriteAsync<DateTime>(Data, Values.AsMemory(offset, count), null, null, CancellationToken.None);
    }

    private sealed record JaggedColumn(ListField List, float[][] Rows) : TestColumn(List)
    {
        public override int RowCount => Rows.Length;

        public override Task WriteAsync(ParquetRowGroupWriter group, int offset, int count)
        {
            // Every row here has at least one element, so each value is at the maximum definition level
            // and a repetition level of 0 starts a new row.
            var slice = Rows.Skip(offset).Take(count).ToArray();
            var values = slice.SelectMany(row => row).ToArray();
            var repetition = slice.SelectMany(row => row.Select((_, index) => index == 0 ? 0 : 1)).ToArray();
            var definition = Enumerable.Repeat(List.Item.MaxDefinitionLevel, values.Length).ToArray();
            return group.WriteAllPartsAsync<float>((DataField)List.Item, values, definition, repetition, CancellationToken.None);
        }
    }
}
