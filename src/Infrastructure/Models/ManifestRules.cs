namespace HnlService.Infrastructure.Models;

/// <summary>Checks of a manifest that need no ONNX file: features, mass feature, scalers and fold members.</summary>
internal static class ManifestRules
{
    /// <summary>Default dataset column holding event numbers for fold members.</summary>
    public const string DefaultEventColumn = "event";

    /// <summary>All features in input order, which is the order the scaler arrays follow.</summary>
    public static IReadOnlyList<string> AllFeatures(ModelManifest manifest) =>
        manifest.Inputs is { Count: > 0 }
            ? manifest.Inputs.SelectMany(input => input.Features).ToList()
            : manifest.Features ?? [];

    public static void CheckFeatures(ModelManifest manifest)
    {
        var hasInputs = manifest.Inputs is { Count: > 0 };
        var hasFeatures = manifest.Features is { Count: > 0 };

        if (!hasInputs && !hasFeatures)
        {
            throw new ModelValidationException(
                "invalid-manifest",
                "The manifest lists no features; give 'features' (one ONNX input) or 'inputs' (features per ONNX input).",
                "features");
        }

        // Both forms are accepted together only when they say the same thing.
        if (hasInputs && hasFeatures && !AllFeatures(manifest).SequenceEqual(manifest.Features!))
        {
            throw new ModelValidationException(
                "invalid-manifest",
                "The manifest's 'features' differ from the features of its 'inputs'; give only one of them.",
                "features");
        }

        var inputs = manifest.Inputs ?? [];
        for (var i = 0; i < inputs.Count; i++)
        {
            if (inputs[i].Features is not { Count: > 0 })
            {
                throw new ModelValidationException(
                    "invalid-manifest",
                    $"Input '{inputs[i].Name ?? $"inputs[{i}]"}' lists no features.",
                    inputs[i].Name ?? $"inputs[{i}]");
            }
        }

        var blank = AllFeatures(manifest).FirstOrDefault(string.IsNullOrWhiteSpace);
        if (blank is not null)
        {
            throw new ModelValidationException("invalid-manifest", "A feature name in the manifest is empty.", "features");
        }

        // A repeated name feeds one column twice and leaves another input slot without its column.
        var repeated = AllFeatures(manifest).GroupBy(feature => feature, StringComparer.Ordinal).FirstOrDefault(group => group.Count() > 1);
        if (repeated is not null)
        {
            throw new ModelValidationException(
                "duplicate-feature",
                $"Feature '{repeated.Key}' appears {repeated.Count()} times in the manifest; list each input feature once, in the network's input order.",
                repeated.Key);
        }
    }

    public static void CheckMassFeature(ModelManifest manifest)
    {
        if (manifest.MassFeature is null || AllFeatures(manifest).Contains(manifest.MassFeature))
        {
            return;
        }

        throw new ModelValidationException(
            "unknown-mass-feature",
            $"Mass feature '{manifest.MassFeature}' is not one of the model's features; add it to the features or remove 'massFeature'.",
            manifest.MassFeature);
    }

    /// <summary>Checks one scaler; path is the manifest field, for example "scaler" or "members[1].scaler".</summary>
    public static void CheckScaler(ScalerSpec? scaler, int featureCount, string path)
    {
        if (scaler is null)
        {
            return;
        }

        CheckLength(scaler.Mean, featureCount, $"{path}.mean");
        CheckLength(scaler.Scale, featureCount, $"{path}.scale");

        for (var i = 0; i < featureCount; i++)
        {
            if (!double.IsFinite(scaler.Mean[i]))
            {
                throw new ModelValidationException(
                    "invalid-scaler", $"{path}.mean[{i}] is {scaler.Mean[i]}; a mean must be a finite number.", $"{path}.mean[{i}]");
            }

            if (!double.IsFinite(scaler.Scale[i]) || scaler.Scale[i] == 0)
            {
                throw new ModelValidationException(
                    "invalid-scaler", $"{path}.scale[{i}] is {scaler.Scale[i]}; a scale must be finite and non-zero.", $"{path}.scale[{i}]");
            }
        }
    }

    /// <summary>
    /// Checks that members name uploaded files and cover remainders 0..K-1 of one modulus K exactly once,
    /// and that a single model comes with exactly one file.
    /// </summary>
    public static void CheckMembers(ModelManifest manifest, IReadOnlyList<ModelFile> files)
    {
        var members = manifest.Members ?? [];
        if (members.Count == 0)
        {
            CheckSingleFile(files);
            return;
        }

        if (manifest.EventColumn is { } eventColumn && string.IsNullOrWhiteSpace(eventColumn))
        {
            throw new ModelValidationException("invalid-manifest", "'eventColumn' is empty; name the dataset column with event numbers.", "eventColumn");
        }

        foreach (var member in members)
        {
            CheckMemberFile(member, files);
        }

        CheckFoldCoverage(members);
        CheckEveryFileUsed(members, files);
    }

    private static void CheckLength(IReadOnlyList<double>? values, int featureCount, string path)
    {
        if (values is null || values.Count != featureCount)
        {
            throw new ModelValidationException(
                "invalid-scaler",
                $"{path} has {values?.Count ?? 0} values but the model has {featureCount} features.",
                path);
        }
    }

    private static void CheckSingleFile(IReadOnlyList<ModelFile> files)
    {
        if (files.Count == 1)
        {
            return;
        }

        throw new ModelValidationException(
            "invalid-manifest",
            $"{files.Count} files were uploaded but the manifest lists no members; upload one file, or list each file under 'members' with its fold.",
            "members");
    }

    private static void CheckMemberFile(ModelMember member, IReadOnlyList<ModelFile> files)
    {
        if (files.Any(file => file.FileName == member.File))
        {
            return;
        }

        throw new ModelValidationException(
            "unknown-member-file",
            $"Member '{member.File}' is not among the uploaded files ({string.Join(", ", files.Select(file => file.FileName))}).",
            member.File);
    }

    private static void CheckFoldCoverage(IReadOnlyList<ModelMember> members)
    {
        var modulus = members[0].FoldModulus;

        // Targets are manifest paths (members[i].foldRemainder), as for other manifest fields. Messages name the files.
        for (var index = 0; index < members.Count; index++)
        {
            var member = members[index];
            if (member.FoldModulus < 1 || member.FoldModulus != modulus)
            {
                throw new ModelValidationException(
                    "invalid-folds",
                    $"Member '{member.File}' has fold modulus {member.FoldModulus}; every member needs the same modulus, at least 1 ({modulus} for the first member).",
                    $"members[{index}].foldModulus");
            }

            if (member.FoldRemainder < 0 || member.FoldRemainder >= modulus)
            {
                throw new ModelValidationException(
                    "invalid-folds",
                    $"Member '{member.File}' has fold remainder {member.FoldRemainder}; it must be in 0..{modulus - 1}.",
                    $"members[{index}].foldRemainder");
            }
        }

        var duplicate = members.Select((member, index) => (Member: member, Index: index))
            .GroupBy(entry => entry.Member.FoldRemainder)
            .FirstOrDefault(group => group.Count() > 1);
        if (duplicate is not null)
        {
            throw new ModelValidationException(
                "invalid-folds",
                $"Members {string.Join(" and ", duplicate.Select(entry => $"'{entry.Member.File}'"))} both score events with event mod {modulus} == {duplicate.Key}.",
                $"members[{duplicate.Skip(1).First().Index}].foldRemainder");
        }

        var missing = Enumerable.Range(0, modulus).FirstOrDefault(remainder => members.All(member => member.FoldRemainder != remainder), -1);
        if (missing >= 0)
        {
            throw new ModelValidationException(
                "invalid-folds",
                $"No member scores events with event mod {modulus} == {missing}; add a member with foldRemainder {missing}.",
                "members");
        }
    }

    private static void CheckEveryFileUsed(IReadOnlyList<ModelMember> members, IReadOnlyList<ModelFile> files)
    {
        var unused = files.FirstOrDefault(file => members.All(member => member.File != file.FileName));
        if (unused is null)
        {
            return;
        }

        throw new ModelValidationException(
            "invalid-manifest",
            $"File '{unused.FileName}' was uploaded but no member uses it; add it to 'members' or leave it out.",
            unused.FileName);
    }
}
