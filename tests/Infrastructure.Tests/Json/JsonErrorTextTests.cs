using System.Text.Json;
using System.Text.Json.Serialization;
using HnlService.Infrastructure.Json;

namespace HnlService.Infrastructure.Tests.Json;

/// <summary>Messages of real System.Text.Json failures, rewritten without .NET type names.</summary>
public sealed class JsonErrorTextTests
{
    private static readonly JsonSerializerOptions Strict = new(JsonSerializerDefaults.Web)
    {
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        RespectNullableAnnotations = true,
        RespectRequiredConstructorParameters = true,
    };

    [Theory]
    [InlineData("""{"count": 1, "bogus": 2}""", "'bogus' is not a known field here.")]
    [InlineData("""{"count": "many"}""", "the value is not an integer.")]
    [InlineData("""{"ratio": "high"}""", "the value is not a number.")]
    [InlineData("""{"tags": "a"}""", "the value is not an array.")]
    [InlineData("""{"label": 5}""", "the value is not a string.")]
    public void Describe_ExplainsFailure_WhenSettableProperties(string json, string expected)
    {
        var error = Assert.Throws<JsonException>(() => JsonSerializer.Deserialize<Settable>(json, Strict));

        Assert.Equal(expected, JsonErrorText.Describe(error));
    }

    [Fact]
    public void Describe_NamesMissingField_WhenRequiredParameterAbsent()
    {
        var error = Assert.Throws<JsonException>(() => JsonSerializer.Deserialize<Positional>("""{"size": 2}""", Strict));

        Assert.Equal("the required field 'name' is missing.", JsonErrorText.Describe(error));
    }

    [Fact]
    public void Describe_NamesMissingFields_WhenSeveralAbsent()
    {
        var error = Assert.Throws<JsonException>(() => JsonSerializer.Deserialize<Positional>("{}", Strict));

        Assert.Equal("the required fields 'name', 'size' are missing.", JsonErrorText.Describe(error));
    }

    [Fact]
    public void Describe_HidesRecordName_WhenWrongType()
    {
        var error = Assert.Throws<JsonException>(() => JsonSerializer.Deserialize<Positional>("""{"name": "a", "size": "two"}""", Strict));

        Assert.Equal("the value has the wrong type for this field.", JsonErrorText.Describe(error));
    }

    private sealed class Settable
    {
        public int Count { get; set; }

        public double Ratio { get; set; }

        public List<string>? Tags { get; set; }

        public string? Label { get; set; }
    }

    private sealed record Positional(string Name, int Size);
}
