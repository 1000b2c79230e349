using HnlService.Infrastructure.Models;

namespace HnlService.Infrastructure.Tests.Models;

public sealed class ModelManifestJsonTests
{
    [Fact]
    public void Parse_ReadsEveryField_WhenDocumentIsComplete()
    {
        var json = """
            {
              "inputs": [{"name": "input", "features": ["pt_1", "mass_hyp"]}],
              "scaler": {"mean": [1, 2], "scale": [3, 4]},
              "output": "score",
              "outputKind": "logit",
              "massFeature": "mass_hyp",
              "eventColumn": "evt",
              "members": [
                {"file": "even.onnx", "foldModulus": 2, "foldRemainder": 1},
                {"file": "odd.onnx", "foldModulus": 2, "foldRemainder": 0, "scaler": {"mean": [5, 6], "scale": [7, 8]}}
              ]
            }
            """;

        var manifest = ModelManifestJson.Parse(json);

        Assert.Equal(["pt_1", "mass_hyp"], Assert.Single(manifest.Inputs!).Features);
        Assert.Equal([3.0, 4.0], manifest.Scaler!.Scale);
        Assert.Equal(OutputKind.Logit, manifest.OutputKind);
        Assert.Equal("evt", manifest.EventColumn);
        Assert.Equal(1, manifest.Members![0].FoldRemainder);
        Assert.Equal([5.0, 6.0], manifest.Members[1].Scaler!.Mean);
    }

    [Fact]
    public void Parse_DefaultsToProbability_WhenOutputKindOmitted()
    {
        var manifest = ModelManifestJson.Parse("""{"features": ["a"]}""");

        Assert.Equal(OutputKind.Probability, manifest.OutputKind);
    }

    [Fact]
    public void Parse_NamesPath_WhenValueHasWrongType()
    {
        var json = """{"features": ["a"], "members": [{"file": "m.onnx", "foldModulus": "two", "foldRemainder": 0}]}""";

        var error = Assert.Throws<ModelValidationException>(() => ModelManifestJson.Parse(json));

        Assert.Equal("invalid-manifest", error.Code);
        Assert.Equal("$.members[0].foldModulus", error.Target);
        Assert.Contains("$.members[0].foldModulus", error.Message);
        Assert.Contains("the value has the wrong type", error.Message);
        Assert.DoesNotContain("HnlService.", error.Message);
    }

    [Fact]
    public void Parse_NamesField_WhenPropertyUnknown()
    {
        var error = Assert.Throws<ModelValidationException>(() => ModelManifestJson.Parse("""{"feature": ["a"]}"""));

        Assert.Equal("invalid-manifest", error.Code);
        Assert.Contains("'feature' is not a known field", error.Message);
        Assert.Contains("Manifest fields: inputs, features,", error.Message);
        Assert.DoesNotContain("HnlService.", error.Message);
    }

    [Fact]
    public void Parse_ListsMemberFields_WhenMemberFieldUnknown()
    {
        var json = """{"features": ["a"], "members": [{"file": "m.onnx", "foldModulus": 2, "foldRemainder": 0, "trainedOn": "even"}]}""";

        var error = Assert.Throws<ModelValidationException>(() => ModelManifestJson.Parse(json));

        Assert.Equal("$.members[0].trainedOn", error.Target);
        Assert.Contains("'trainedOn' is not a known field", error.Message);
        Assert.Contains("Member fields: file, foldModulus, foldRemainder, scaler.", error.Message);
    }

    [Fact]
    public void Parse_NamesField_WhenOutputKindUnknown()
    {
        var error = Assert.Throws<ModelValidationException>(() => ModelManifestJson.Parse("""{"features": ["a"], "outputKind": "score"}"""));

        Assert.Equal("$.outputKind", error.Target);
    }

    [Fact]
    public void Parse_NamesField_WhenRequiredMemberFieldMissing()
    {
        var error = Assert.Throws<ModelValidationException>(
            () => ModelManifestJson.Parse("""{"features": ["a"], "members": [{"foldModulus": 2, "foldRemainder": 0}]}"""));

        Assert.Equal("invalid-manifest", error.Code);
        Assert.Contains("file", error.Message);
    }

    [Fact]
    public void Serialize_WritesCamelCaseAndEnumStrings()
    {
        var manifest = new ModelManifest { Features = ["a"], OutputKind = OutputKind.Logit, MassFeature = "a" };

        var json = ModelManifestJson.Serialize(manifest);

        Assert.Contains("\"outputKind\":\"logit\"", json);
        Assert.Contains("\"massFeature\":\"a\"", json);
        Assert.Equal(manifest.MassFeature, ModelManifestJson.Parse(json).MassFeature);
    }
}
