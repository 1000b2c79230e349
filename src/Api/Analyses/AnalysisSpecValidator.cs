using HnlService.Api.Contracts;
using HnlService.Api.Errors;
using HnlService.Infrastructure.Datasets;
using HnlService.Infrastructure.Models;
using HnlService.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace HnlService.Api.Analyses;

/// <summary>
/// Checks a request against its dataset and models and returns the spec to store with the discriminants.
/// Every problem is collected and reported at once, keyed by the request field or the missing feature.
/// </summary>
public sealed class AnalysisSpecValidator(HnlDbContext context)
{
    public const string DefaultStrategy = "right-to-left";
    public const double DefaultMaxRelativeUncertainty = 0.3;
    public const int DefaultInitialBins = 30;
    public const string DefaultFormula = "s-over-sqrt-b";
    public const int MaxInitialBins = 1000;

    /// <exception cref="RequestValidationException">Something in the request is invalid.</exception>
    public async Task<ValidatedAnalysis> ValidateAsync(AnalysisRequest request, CancellationToken cancellationToken)
    {
        var errors = new ValidationErrors();
        NameRules.EnsureValid("name", request.Name);
        if (request.DatasetId is not { } datasetId)
        {
            throw RequestValidationException.For("datasetId", "missing-field", "datasetId is required.");
        }

        var dataset = await context.Datasets.AsNoTracking().SingleOrDefaultAsync(d => d.Id == datasetId, cancellationToken)
            ?? throw RequestValidationException.For("datasetId", "unknown-dataset", $"Dataset {datasetId} was not found.");
        var schema = StoredJson.Deserialize<DatasetSchema>(dataset.SchemaJson);
        var summary = StoredJson.Deserialize<DatasetSummary>(dataset.SummaryJson);

        var discriminants = await ValidateDiscriminantsAsync(request, dataset, schema, errors, cancellationToken);
        ValidateChannels(request, summary, errors);
        var masses = ValidateMasses(request, summary, errors);
        var binning = ValidateBinning(request.Binning, errors);
        var formula = request.Formula ?? DefaultFormula;
        if (!SpecNames.TryParseFormula(formula, out _))
        {
            errors.Add("formula", "unknown-formula", $"Formula '{formula}' is unknown; use one of {string.Join(", ", SpecNames.FormulaNames)}.");
        }

        errors.ThrowIfAny();
        var spec = new AnalysisSpec(
            datasetId,
            request.Name,
            discriminants.Select(d => new DiscriminantSpec(d.ModelId, d.Column)).ToList(),
            request.Channels?.ToList(),
            masses,
            binning,
            formula);
        return new ValidatedAnalysis(spec, discriminants);
    }

    private async Task<List<AnalysisDiscriminantEntity>> ValidateDiscriminantsAsync(
        AnalysisRequest request, DatasetEntity dataset, DatasetSchema schema, ValidationErrors errors, CancellationToken cancellationToken)
    {
        var result = new List<AnalysisDiscriminantEntity>();
        if (request.Discriminants is not { Count: > 0 } requested)
        {
            errors.Add("discriminants", "missing-field", "Give at least one discriminant: {\"modelId\": ...} or {\"column\": ...}.");
            return result;
        }

        var columns = schema.Columns.ToDictionary(c => c.Name, StringComparer.Ordinal);
        for (var index = 0; index < requested.Count; index++)
        {
            var key = $"discriminants[{index}]";
            var discriminant = requested[index];
            if ((discriminant.ModelId is null) == (discriminant.Column is null))
            {
                errors.Add(key, "invalid-discriminant", $"{key} must give exactly one of modelId and column.");
                continue;
            }

            var entity = discriminant.Column is { } column
                ? ValidateColumn(key, column, columns, errors)
                : await ValidateModelAsync(key, discriminant.ModelId!.Value, dataset, columns.Keys, errors, cancellationToken);
            if (entity is null)
            {
                continue;
            }

            if (result.Any(existing => existing.Name == entity.Name))
            {
                errors.Add(key, "duplicate-discriminant", $"{key} repeats discriminant '{entity.Name}'; each discriminant may appear once.");
                continue;
            }

            entity.Ordinal = result.Count;
            result.Add(entity);
        }

        return result;
    }

    private static AnalysisDiscriminantEntity? ValidateColumn(string key, string column, Dictionary<string, DatasetColumn> columns, ValidationErrors errors)
    {
        if (!columns.TryGetValue(column, out var definition))
        {
            errors.Add($"{key}.column", "unknown-column", $"Column '{column}' is not in the dataset.");
            return null;
        }

        if (definition.IsNested)
        {
            errors.Add($"{key}.column", "nested-column",
                $"Column '{column}' holds several values per event ({definition.PhysicalType}), but a discriminant needs one. "
                + "Flatten it before upload, for example by taking the leading element into its own column.");
            return null;
        }

        if (!definition.IsNumericFeature)
        {
            errors.Add($"{key}.column", "non-numeric-column", $"Column '{column}' is not numeric ({definition.PhysicalType}); a discriminant needs numbers.");
            return null;
        }

        return new AnalysisDiscriminantEntity { Name = column, Kind = "column", Column = column };
    }

    private async Task<AnalysisDiscriminantEntity?> ValidateModelAsync(
        string key, Guid modelId, DatasetEntity dataset, IReadOnlyCollection<string> columns, ValidationErrors errors, CancellationToken cancellationToken)
    {
        var model = await context.Models.AsNoTracking().Include(m => m.Files).SingleOrDefaultAsync(m => m.Id == modelId, cancellationToken);
        if (model is null)
        {
            errors.Add($"{key}.modelId", "unknown-model", $"Model {modelId} was not found.");
            return null;
        }

        var manifest = StoredJson.Deserialize<ModelManifest>(model.ManifestJson);
        var required = StoredJson.Deserialize<List<string>>(model.RequiredColumnsJson);
        try
        {
            ModelValidator.EnsureColumnsPresent(new ValidatedModel(manifest, required, []), columns);
        }
        catch (ModelValidationException missing)
        {
            // The target lists every missing feature; each becomes its own error key.
            var features = missing.Target?.Split(", ", StringSplitOptions.RemoveEmptyEntries) ?? [$"{key}.modelId"];
            foreach (var feature in features)
            {
                errors.Add(feature, missing.Code, $"Model '{model.Name}' needs column '{feature}', which the dataset does not have.");
            }

            return null;
        }

        if (manifest.MassFeature is { } massFeature && dataset.MassColumn is null)
        {
            errors.Add($"{key}.modelId", "missing-mass-column",
                $"Model '{model.Name}' is parametric (mass feature '{massFeature}') but the dataset has no mass column.");
            return null;
        }

        return new AnalysisDiscriminantEntity { Name = model.Name, Kind = "model", ModelId = model.Id };
    }

    private static void ValidateChannels(AnalysisRequest request, DatasetSummary summary, ValidationErrors errors)
    {
        if (request.Channels is null)
        {
            return;
        }

        if (request.Channels.Count == 0)
        {
            errors.Add("channels", "empty-list", "channels may be omitted (all channels) but not empty.");
        }

        for (var index = 0; index < request.Channels.Count; index++)
        {
            if (!summary.Channels.Contains(request.Channels[index], StringComparer.Ordinal))
            {
                errors.Add($"channels[{index}]", "unknown-channel",
                    $"Channel '{request.Channels[index]}' is not in the dataset; it has {string.Join(", ", summary.Channels)}.");
            }
        }
    }

    /// <summary>
    /// Returns the requested masses as the dataset stores them. A request may round a mass in its last
    /// digits, but the worker selects signal rows by exact equality, so the stored value must be used.
    /// </summary>
    private static List<double>? ValidateMasses(AnalysisRequest request, DatasetSummary summary, ValidationErrors errors)
    {
        if (request.Masses is null)
        {
            return null;
        }

        if (request.Masses.Count == 0)
        {
            errors.Add("masses", "empty-list", "masses may be omitted (all signal masses) but not empty.");
        }

        var masses = new List<double>(request.Masses.Count);
        for (var index = 0; index < request.Masses.Count; index++)
        {
            var mass = request.Masses[index];
            var matches = summary.SignalMasses.Where(signalMass => Math.Abs(signalMass - mass) <= 1e-9 * Math.Max(1, Math.Abs(mass))).ToList();
            if (matches.Count == 0)
            {
                errors.Add($"masses[{index}]", "unknown-mass",
                    $"Mass {mass} is not a signal mass of the dataset; it has {string.Join(", ", summary.SignalMasses)}.");
                continue;
            }

            masses.Add(matches[0]);
        }

        return masses;
    }

    private static BinningRequest ValidateBinning(BinningRequestBody? binning, ValidationErrors errors)
    {
        var strategy = binning?.Strategy ?? DefaultStrategy;
        var maxRelativeUncertainty = binning?.MaxRelativeUncertainty ?? DefaultMaxRelativeUncertainty;
        var initialBins = binning?.InitialBins ?? DefaultInitialBins;
        if (!SpecNames.TryParseStrategy(strategy, out _))
        {
            errors.Add("binning.strategy", "unknown-strategy", $"Binning strategy '{strategy}' is unknown; use one of {string.Join(", ", SpecNames.StrategyNames)}.");
        }

        if (!double.IsFinite(maxRelativeUncertainty) || maxRelativeUncertainty <= 0)
        {
            errors.Add("binning.maxRelativeUncertainty", "out-of-range", $"maxRelativeUncertainty must be a positive number; got {maxRelativeUncertainty}.");
        }

        if (initialBins is < 1 or > MaxInitialBins)
        {
            errors.Add("binning.initialBins", "out-of-range", $"initialBins must be between 1 and {MaxInitialBins}; got {initialBins}.");
        }

        return new BinningRequest(strategy, maxRelativeUncertainty, initialBins);
    }
}
