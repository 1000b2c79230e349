using HnlService.Infrastructure.Models;

namespace HnlService.Infrastructure.Tests.Models;

/// <summary>Every validation error has a code and names the file, input, output, feature or member at fault.</summary>
public sealed class ModelValidatorTests : IDisposable
{
    private readonly TemporaryDirectory _directory = new();
    private readonly ModelValidator _validator = new();

    public void Dispose() => _directory.Dispose();

    [Fact]
    public void Validate_ResolvesNames_WhenSingleModel()
    {
        var manifest = new ModelManifest { Features = ["a", "b", "mass"], MassFeature = "mass" };

        var model = _validator.Validate(manifest, [Save(TestModels.GemmSigmoid())]);

        Assert.Equal("x", Assert.Single(model.Manifest.Inputs!).Name);
        Assert.Equal("probability", model.Manifest.Output);
        Assert.Equal(["a", "b"], model.RequiredColumns);
        Assert.True(model.IsParametric);
        Assert.False(model.IsModelSet);
    }

    [Fact]
    public void Validate_AddsDefaultEventColumn_WhenModelSet()
    {
        var even = _directory.Save(TestModels.GemmSigmoid(), "even.onnx");
        var odd = _directory.Save(TestModels.GemmSigmoid(), "odd.onnx");
        var manifest = Manifest() with { Members = [new ModelMember("even.onnx", 2, 1), new ModelMember("odd.onnx", 2, 0)] };

        var model = _validator.Validate(manifest, [even, odd]);

        Assert.Equal("event", model.Manifest.EventColumn);
        Assert.Equal(["a", "b", "c", "event"], model.RequiredColumns);
        Assert.True(model.IsModelSet);
    }

    [Fact]
    public void Validate_ThrowsDuplicateFeature_WhenFeatureRepeats()
    {
        var manifest = new ModelManifest { Features = ["a", "a", "mass"] };

        var error = Assert.Throws<ModelValidationException>(() => _validator.Validate(manifest, [Save(TestModels.GemmSigmoid())]));

        Assert.Equal("duplicate-feature", error.Code);
        Assert.Equal("a", error.Target);
        Assert.Contains("'a' appears 2 times", error.Message);
    }

    [Fact]
    public void Parse_NamesField_WhenManifestFieldIsMisspelt()
    {
        var error = Assert.Throws<ModelValidationException>(() => ModelManifestJson.Parse("""{"features": ["a"], "outputKnd": "logit"}"""));

        Assert.Equal("invalid-manifest", error.Code);
        Assert.Contains("outputKnd", error.Message);
    }

    [Fact]
    public void Parse_ListsOutputKinds_WhenOutputKindIsUnknown()
    {
        var error = Assert.Throws<ModelValidationException>(() => ModelManifestJson.Parse("""{"features": ["a"], "outputKind": "logits"}"""));

        Assert.Equal("$.outputKind", error.Target);
        Assert.Contains("\"probability\" or \"logit\"", error.Message);
    }

    [Fact]
    public void Validate_ThrowsInvalidOnnx_WhenFileIsNotOnnx()
    {
        var file = _directory.SaveBytes("not a model"u8.ToArray(), "notes.onnx");

        var error = Assert.Throws<ModelValidationException>(() => _validator.Validate(Manifest(), [file]));

        Assert.Equal("invalid-onnx", error.Code);
        Assert.Equal("notes.onnx", error.Target);
        Assert.Contains("notes.onnx", error.Message);
    }

    [Fact]
    public void Validate_PassesRuntimeMessage_WhenIrVersionUnsupported()
    {
        var builder = TestModels.GemmSigmoid();
        builder.IrVersion = 99;

        var error = Assert.Throws<ModelValidationException>(() => _validator.Validate(Manifest(), [Save(builder, "future.onnx")]));

        Assert.Equal("invalid-onnx", error.Code);
        Assert.Equal("future.onnx", error.Target);
        Assert.Contains("future.onnx", error.Message);
        Assert.Contains("IR version", error.Message, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void Validate_PassesRuntimeMessage_WhenOpsetUnsupported()
    {
        var builder = TestModels.GemmSigmoid().Opset("", 999);

        var error = Assert.Throws<ModelValidationException>(() => _validator.Validate(Manifest(), [Save(builder, "opset999.onnx")]));

        Assert.Equal("invalid-onnx", error.Code);
        Assert.Equal("opset999.onnx", error.Target);
        Assert.Contains("999", error.Message);
    }

    [Fact]
    public void Validate_ThrowsFeatureCountMismatch_WhenInputWidthDiffers()
    {
        var manifest = new ModelManifest { Features = ["a", "b"] };

        var error = Assert.Throws<ModelValidationException>(() => _validator.Validate(manifest, [Save(TestModels.GemmSigmoid())]));

        Assert.Equal("feature-count-mismatch", error.Code);
        Assert.Equal("x", error.Target);
        Assert.Contains("'x'", error.Message);
        Assert.Contains("3", error.Message);
        Assert.Contains("2", error.Message);
    }

    [Fact]
    public void Validate_Accepts_WhenInputWidthIsDynamic()
    {
        var manifest = new ModelManifest { Features = ["a", "b", "c"] };

        var model = _validator.Validate(manifest, [Save(TestModels.GemmSigmoidShaped("N", "features"))]);

        Assert.Equal(["a", "b", "c"], model.Features);
    }

    [Fact]
    public void Validate_ThrowsUnsupportedInputType_WhenInputIsInt64()
    {
        var builder = new OnnxModelBuilder()
            .Input("counts", OnnxModelBuilder.Int64, "N", 3L)
            .Node("Cast", ["counts"], ["x"], "", ("to", 1L))
            .Initializer("w", OnnxModelBuilder.Float, [3, 1], TestModels.Weights)
            .Node("MatMul", ["x", "w"], ["score"])
            .Output("score", OnnxModelBuilder.Float, "N", 1L);

        var error = Assert.Throws<ModelValidationException>(() => _validator.Validate(Manifest(), [Save(builder)]));

        Assert.Equal("unsupported-input-type", error.Code);
        Assert.Equal("counts", error.Target);
        Assert.Contains("'counts'", error.Message);
        Assert.Contains("int64", error.Message);
    }

    [Fact]
    public void Validate_ThrowsUnsupportedOutputShape_WhenThreeColumns()
    {
        var builder = new OnnxModelBuilder()
            .Input("x", OnnxModelBuilder.Float, "N", 3L)
            .Initializer("w", OnnxModelBuilder.Float, [3, 3], [1, 0, 0, 0, 1, 0, 0, 0, 1])
            .Node("MatMul", ["x", "w"], ["classes"])
            .Output("classes", OnnxModelBuilder.Float, "N", 3L);

        var error = Assert.Throws<ModelValidationException>(() => _validator.Validate(Manifest(), [Save(builder)]));

        Assert.Equal("unsupported-output-shape", error.Code);
        Assert.Equal("classes", error.Target);
        Assert.Contains("'classes'", error.Message);
        Assert.Contains("[?, 3]", error.Message);
    }

    [Fact]
    public void Validate_ThrowsUnknownOutput_WhenOutputNameNotInGraph()
    {
        var manifest = Manifest() with { Output = "score" };

        var error = Assert.Throws<ModelValidationException>(() => _validator.Validate(manifest, [Save(TestModels.GemmSigmoid())]));

        Assert.Equal("unknown-output", error.Code);
        Assert.Equal("score", error.Target);
        Assert.Contains("'score'", error.Message);
        Assert.Contains("probability", error.Message);
    }

    [Fact]
    public void Validate_ExplainsZipMap_WhenOutputIsSequenceOfMaps()
    {
        var builder = new OnnxModelBuilder()
            .Opset("ai.onnx.ml", 1)
            .Input("x", OnnxModelBuilder.Float, "N", 2L)
            .Node("ZipMap", ["x"], ["output_probability"], "ai.onnx.ml", ("classlabels_int64s", new long[] { 0, 1 }))
            .SequenceOfMapsOutput("output_probability");
        var manifest = new ModelManifest { Features = ["a", "b"] };

        var error = Assert.Throws<ModelValidationException>(() => _validator.Validate(manifest, [Save(builder)]));

        Assert.Equal("unsupported-output-type", error.Code);
        Assert.Equal("output_probability", error.Target);
        Assert.Contains("zipmap", error.Message, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void Validate_ThrowsInvalidScaler_WhenMeanHasWrongLength()
    {
        var manifest = Manifest() with { Scaler = new ScalerSpec([0, 0], [1, 1, 1]) };

        var error = Assert.Throws<ModelValidationException>(() => _validator.Validate(manifest, [Save(TestModels.GemmSigmoid())]));

        Assert.Equal("invalid-scaler", error.Code);
        Assert.Equal("scaler.mean", error.Target);
        Assert.Contains("2 values", error.Message);
        Assert.Contains("3 features", error.Message);
    }

    [Fact]
    public void Validate_ThrowsInvalidScaler_WhenScaleIsZero()
    {
        var manifest = Manifest() with { Scaler = new ScalerSpec([0, 0, 0], [1, 0, 1]) };

        var error = Assert.Throws<ModelValidationException>(() => _validator.Validate(manifest, [Save(TestModels.GemmSigmoid())]));

        Assert.Equal("invalid-scaler", error.Code);
        Assert.Equal("scaler.scale[1]", error.Target);
        Assert.Contains("scaler.scale[1]", error.Message);
    }

    [Fact]
    public void Validate_ThrowsInvalidScaler_WhenMemberScaleIsNotFinite()
    {
        var even = _directory.Save(TestModels.GemmSigmoid(), "even.onnx");
        var odd = _directory.Save(TestModels.GemmSigmoid(), "odd.onnx");
        var manifest = Manifest() with
        {
            Members =
            [
                new ModelMember("even.onnx", 2, 1),
                new ModelMember("odd.onnx", 2, 0, new ScalerSpec([0, 0, 0], [1, 1, double.NaN])),
            ],
        };

        var error = Assert.Throws<ModelValidationException>(() => _validator.Validate(manifest, [even, odd]));

        Assert.Equal("invalid-scaler", error.Code);
        Assert.Equal("members[1].scaler.scale[2]", error.Target);
    }

    [Fact]
    public void Validate_ThrowsInvalidFolds_WhenRemainderMissing()
    {
        var first = _directory.Save(TestModels.GemmSigmoid(), "first.onnx");
        var second = _directory.Save(TestModels.GemmSigmoid(), "second.onnx");
        var manifest = Manifest() with { Members = [new ModelMember("first.onnx", 3, 0), new ModelMember("second.onnx", 3, 2)] };

        var error = Assert.Throws<ModelValidationException>(() => _validator.Validate(manifest, [first, second]));

        Assert.Equal("invalid-folds", error.Code);
        Assert.Equal("members", error.Target);
        Assert.Contains("event mod 3 == 1", error.Message);
    }

    [Fact]
    public void Validate_ThrowsInvalidFolds_WhenRemainderRepeated()
    {
        var first = _directory.Save(TestModels.GemmSigmoid(), "first.onnx");
        var second = _directory.Save(TestModels.GemmSigmoid(), "second.onnx");
        var manifest = Manifest() with { Members = [new ModelMember("first.onnx", 2, 0), new ModelMember("second.onnx", 2, 0)] };

        var error = Assert.Throws<ModelValidationException>(() => _validator.Validate(manifest, [first, second]));

        Assert.Equal("invalid-folds", error.Code);
        Assert.Equal("members[1].foldRemainder", error.Target);
        Assert.Contains("'first.onnx'", error.Message);
        Assert.Contains("'second.onnx'", error.Message);
    }

    [Fact]
    public void Validate_ThrowsInvalidFolds_WhenModuliDiffer()
    {
        var first = _directory.Save(TestModels.GemmSigmoid(), "first.onnx");
        var second = _directory.Save(TestModels.GemmSigmoid(), "second.onnx");
        var manifest = Manifest() with { Members = [new ModelMember("first.onnx", 2, 0), new ModelMember("second.onnx", 3, 1)] };

        var error = Assert.Throws<ModelValidationException>(() => _validator.Validate(manifest, [first, second]));

        Assert.Equal("invalid-folds", error.Code);
        Assert.Equal("members[1].foldModulus", error.Target);
        Assert.Contains("modulus 3", error.Message);
    }

    [Fact]
    public void Validate_ThrowsUnknownMemberFile_WhenMemberFileNotUploaded()
    {
        var first = _directory.Save(TestModels.GemmSigmoid(), "first.onnx");
        var manifest = Manifest() with { Members = [new ModelMember("first.onnx", 2, 0), new ModelMember("missing.onnx", 2, 1)] };

        var error = Assert.Throws<ModelValidationException>(() => _validator.Validate(manifest, [first]));

        Assert.Equal("unknown-member-file", error.Code);
        Assert.Equal("missing.onnx", error.Target);
        Assert.Contains("'missing.onnx'", error.Message);
    }

    [Fact]
    public void Validate_ThrowsMemberMismatch_WhenInputTypesDiffer()
    {
        var first = _directory.Save(TestModels.GemmSigmoid(), "first.onnx");
        var second = _directory.Save(TestModels.GemmSigmoid(OnnxModelBuilder.Double), "second.onnx");
        var manifest = Manifest() with { Members = [new ModelMember("first.onnx", 2, 0), new ModelMember("second.onnx", 2, 1)] };

        var error = Assert.Throws<ModelValidationException>(() => _validator.Validate(manifest, [first, second]));

        Assert.Equal("member-mismatch", error.Code);
        Assert.Equal("second.onnx", error.Target);
        Assert.Contains("'first.onnx'", error.Message);
    }

    [Fact]
    public void Validate_ThrowsUnknownMassFeature_WhenMassNotAmongFeatures()
    {
        var manifest = Manifest() with { MassFeature = "mass_hyp" };

        var error = Assert.Throws<ModelValidationException>(() => _validator.Validate(manifest, [Save(TestModels.GemmSigmoid())]));

        Assert.Equal("unknown-mass-feature", error.Code);
        Assert.Equal("mass_hyp", error.Target);
        Assert.Contains("'mass_hyp'", error.Message);
    }

    [Fact]
    public void Validate_ThrowsUnknownInput_WhenInputNameNotInGraph()
    {
        var manifest = new ModelManifest { Inputs = [new ModelInput("features", ["a", "b", "c"])] };

        var error = Assert.Throws<ModelValidationException>(() => _validator.Validate(manifest, [Save(TestModels.GemmSigmoid())]));

        Assert.Equal("unknown-input", error.Code);
        Assert.Equal("features", error.Target);
        Assert.Contains("'features'", error.Message);
    }

    [Fact]
    public void Validate_ThrowsInputCountMismatch_WhenInputMissing()
    {
        var error = Assert.Throws<ModelValidationException>(() => _validator.Validate(Manifest(), [Save(TestModels.TwoInputs())]));

        Assert.Equal("input-count-mismatch", error.Code);
        Assert.Contains("first", error.Message);
        Assert.Contains("second", error.Message);
    }

    [Fact]
    public void Validate_ReadsMetadataManifest_WhenManifestIsNull()
    {
        var json = """{"features": ["pt_1", "pt_2", "mass_hyp"], "massFeature": "mass_hyp", "outputKind": "logit"}""";
        var builder = TestModels.GemmLogit().Metadata("hnl.manifest", json);

        var model = _validator.Validate(null, [Save(builder)]);

        Assert.Equal(["pt_1", "pt_2", "mass_hyp"], model.Features);
        Assert.Equal(OutputKind.Logit, model.Manifest.OutputKind);
        Assert.Equal("mass_hyp", model.Manifest.MassFeature);
    }

    [Fact]
    public void Validate_ThrowsMissingManifest_WhenNoManifestAndNoMetadata()
    {
        var error = Assert.Throws<ModelValidationException>(() => _validator.Validate(null, [Save(TestModels.GemmSigmoid(), "bare.onnx")]));

        Assert.Equal("missing-manifest", error.Code);
        Assert.Equal("bare.onnx", error.Target);
        Assert.Contains("hnl.manifest", error.Message);
    }

    [Fact]
    public void EnsureColumnsPresent_ListsEveryMissingColumn()
    {
        var manifest = new ModelManifest { Features = ["pt_1", "pt_2", "mass_hyp"], MassFeature = "mass_hyp" };
        var model = _validator.Validate(manifest, [Save(TestModels.GemmSigmoid())]);

        var error = Assert.Throws<ModelValidationException>(() => ModelValidator.EnsureColumnsPresent(model, ["pt_2", "genWeight"]));

        Assert.Equal("missing-features", error.Code);
        Assert.Equal("pt_1", error.Target);
        Assert.Contains("pt_1", error.Message);
        Assert.DoesNotContain("mass_hyp", error.Message);
    }

    [Fact]
    public void EnsureColumnsPresent_ListsEventColumn_WhenMissing()
    {
        var even = _directory.Save(TestModels.GemmSigmoid(), "even.onnx");
        var odd = _directory.Save(TestModels.GemmSigmoid(), "odd.onnx");
        var manifest = Manifest() with { Members = [new ModelMember("even.onnx", 2, 1), new ModelMember("odd.onnx", 2, 0)] };
        var model = _validator.Validate(manifest, [even, odd]);

        var error = Assert.Throws<ModelValidationException>(() => ModelValidator.EnsureColumnsPresent(model, ["a"]));

        Assert.Equal("b, c, event", error.Target);
        Assert.Contains("b, c, event", error.Message);
    }

    private static ModelManifest Manifest() => new() { Features = ["a", "b", "c"] };

    private ModelFile Save(OnnxModelBuilder builder, string fileName = "model.onnx") => _directory.Save(builder, fileName);
}
