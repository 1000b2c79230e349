using System.Globalization;
using System.Text;
using Parquet;
using Parquet.Schema;

namespace HnlService.Benchmarks.Datasets;

/// <summary>
/// Generates the benchmark inputs under the temporary folder on first use: notebook-shaped role columns
/// (genWeight, signal_label, channel, mass_hyp, event) plus float features, from a fixed random seed.
/// </summary>
internal static class BenchmarkFiles
{
    private const int RoleColumnCount = 5;

    public static string Folder { get; } = Path.Combine(Path.GetTempPath(), "hnl-bench-datasets");

    /// <summary>A Parquet file written by Parquet.Net with default options and its default row group size (1,000,000 rows).</summary>
    public static async Task<string> ParquetAsync(int rows, int columns)
    {
        var path = Path.Combine(Folder, $"events_{rows}x{columns}.parquet");
        if (File.Exists(path))
        {
            return path;
        }

        Directory.CreateDirectory(Folder);
        var features = Enumerable.Range(0, columns - RoleColumnCount).Select(index => new DataField<float>($"f_{index}")).ToArray();
        var weight = new DataField<double>("genWeight");
        var label = new DataField<int>("signal_label");
        var channel = new DataField<int>("channel");
        var mass = new DataField<double>("mass_hyp");
        var eventNumber = new DataField<long>("event");
        var schema = new ParquetSchema(new Field[] { eventNumber, channel, label, mass, weight }.Concat(features));

        var random = new Random(20261204);
        var partial = path + ".partial";
        await using (var stream = File.Create(partial))
        await using (var writer = await ParquetWriter.CreateAsync(schema, stream))
        {
            for (var start = 0; start < rows; start += ParquetOptions.DefaultRowGroupSize)
            {
                var count = Math.Min(ParquetOptions.DefaultRowGroupSize, rows - start);
                var labels = Fill(count, _ => random.Next(3) == 0 ? 1 : 0);
                using var group = writer.CreateRowGroup();
                await group.WriteAsync<long>(eventNumber, Fill(count, row => (long)(start + row)));
                await group.WriteAsync<int>(channel, Fill(count, _ => random.Next(5)));
                await group.WriteAsync<int>(label, labels);
                await group.WriteAsync<double>(mass, Fill(count, row => labels[row] == 1 ? Masses[random.Next(Masses.Length)] : 0.0));
                await group.WriteAsync<double>(weight, Fill(count, _ => random.NextDouble() * 2 - 0.2));
                foreach (var feature in features)
                {
                    await group.WriteAsync<float>(feature, Fill(count, _ => (float)(random.NextDouble() * 200)));
                }
            }
        }

        File.Move(partial, path, overwrite: true);
        return path;
    }

    /// <summary>A CSV file with 7 significant digits per value, like the synthetic HNL table.</summary>
    public static string Csv(int rows, int columns)
    {
        var path = Path.Combine(Folder, $"events_{rows}x{columns}.csv");
        if (File.Exists(path))
        {
            return path;
        }

        Directory.CreateDirectory(Folder);
        var random = new Random(20261205);
        var partial = path + ".partial";
        using (var writer = new StreamWriter(partial, false, new UTF8Encoding(false), 1 << 16))
        {
            var header = new[] { "event", "channel", "signal_label", "mass_hyp", "genWeight" }
                .Concat(Enumerable.Range(0, columns - RoleColumnCount).Select(index => $"f_{index}"));
            writer.Write(string.Join(',', header));
            writer.Write('\n');
            var line = new StringBuilder();
            for (var row = 0; row < rows; row++)
            {
                var isSignal = random.Next(3) == 0;
                line.Clear()
                    .Append(row).Append(',')
                    .Append(random.Next(5)).Append(',')
                    .Append(isSignal ? '1' : '0').Append(',')
                    .Append(isSignal ? Masses[random.Next(Masses.Length)] : 0).Append(',')
                    .Append((random.NextDouble() * 2 - 0.2).ToString("G7", CultureInfo.InvariantCulture));
                for (var column = RoleColumnCount; column < columns; column++)
                {
                    line.Append(',').Append((random.NextDouble() * 200).ToString("G7", CultureInfo.InvariantCulture));
                }

                writer.Write(line.Append('\n'));
            }
        }

        File.Move(partial, path, overwrite: true);
        return path;
    }

    private static readonly double[] Masses = [85, 100, 150, 200, 300, 400, 500, 700, 1000];

    private static T[] Fill<T>(int count, Func<int, T> value)
    {
        var values = new T[count];
        for (var row = 0; row < count; row++) values[row] = value(row);
        return values;
    }
}
