using HnlService.Domain.Analysis;

namespace HnlService.Infrastructure.Persistence;

/// <summary>The kebab-case names of the engine's enums, as used in requests, stored specs and results.</summary>
public static class SpecNames
{
    private static readonly Dictionary<string, BinningStrategy> Strategies = new(StringComparer.Ordinal)
    {
        ["right-to-left"] = BinningStrategy.RightToLeft,
        ["equal-signal"] = BinningStrategy.EqualSignal,
    };

    private static readonly Dictionary<string, SignificanceFormula> Formulas = new(StringComparer.Ordinal)
    {
        ["s-over-sqrt-b"] = SignificanceFormula.SOverSqrtB,
        ["asimov"] = SignificanceFormula.Asimov,
        ["asimov-with-uncertainty"] = SignificanceFormula.AsimovWithUncertainty,
    };

    public static IReadOnlyCollection<string> StrategyNames => Strategies.Keys;

    public static IReadOnlyCollection<string> FormulaNames => Formulas.Keys;

    public static bool TryParseStrategy(string? name, out BinningStrategy strategy) =>
        Strategies.TryGetValue(name ?? string.Empty, out strategy);

    public static bool TryParseFormula(string? name, out SignificanceFormula formula) =>
        Formulas.TryGetValue(name ?? string.Empty, out formula);

    public static string OutcomeName(ChannelOutcome outcome) => outcome switch
    {
        ChannelOutcome.Ok => "ok",
        ChannelOutcome.NoSignal => "no-signal",
        ChannelOutcome.NoBackground => "no-background",
        _ => throw new ArgumentOutOfRangeException(nameof(outcome), outcome, "Unknown channel outcome."),
    };
}
