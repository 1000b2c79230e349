using HnlService.Benchmarks.Datasets;
using HnlService.Benchmarks.Domain;
using HnlService.Benchmarks.Scoring;

// Usage: dotnet run -c Release --project bench -- <domain|datasets|scoring>
string suite = args.Length > 0 ? args[0] : "";
switch (suite)
{
    case "domain":
        DomainBenchmark.Run(args[1..]);
        break;
    case "datasets":
        DatasetsBenchmark.Run(args[1..]);
        break;
    case "scoring":
        ScoringBenchmark.Run(args[1..]);
        break;
    default:
        Console.Error.WriteLine("Usage: dotnet run -c Release --project bench -- <domain|datasets|scoring>");
        Environment.ExitCode = 2;
        break;
}
