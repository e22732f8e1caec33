using System.Text.Json;
using System.Text.Json.Nodes;
using Platform.Api.Generation;
using Platform.Api.OpenAI.Requests;

namespace Platform.Api.Tests.Generation;

public sealed class ForcedToolCallSchemasTests
{
    const string Weather = """{"type":"object","properties":{"city":{"type":"string"}},"required":["city"]}""";

    static readonly JsonElement Tools = JsonDocument.Parse($$$"""
        [{"type":"function","function":{"name":"get_weather","parameters":{{{Weather}}}}},
         {"type":"function","function":{"name":"ping"}}]
        """).RootElement;

    static JsonNode Schema(ToolChoice choice, bool parallel = true) => JsonNode.Parse(ForcedToolCallSchemas.For(Tools, choice, parallel)!)!;

    [Fact]
    public void ANamedFunctionIsConstrainedToItsParametersSchema()
    {
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(Weather), Schema(new(ToolChoiceMode.Function, "get_weather"))));
    }

    [Fact]
    public void AFunctionWithoutParametersTakesOnlyAnEmptyObject()
    {
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse("""{"type":"object","properties":{},"additionalProperties":false}"""),
            Schema(new(ToolChoiceMode.Function, "ping"))));
    }

    [Fact]
    public void RequiredIsAnArrayOfCallsEachNamingOneToolWithThatToolsParameters()
    {
        var schema = Schema(new(ToolChoiceMode.Required));
        Assert.Equal(("array", 1), ((string?)schema["type"], (int)schema["minItems"]!));
        Assert.Null(schema["maxItems"]);
        var options = schema["items"]!["anyOf"]!.AsArray();
        Assert.Equal(["get_weather", "ping"], options.Select(o => (string?)o!["properties"]!["name"]!["const"]));
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(Weather), options[0]!["properties"]!["parameters"]));
        Assert.All(options, o => Assert.Equal(["name", "parameters"], o!["required"]!.AsArray().Select(n => (string?)n)));
        Assert.All(options, o => Assert.False((bool)o!["additionalProperties"]!));
    }

    [Fact]
    public void RequiredWithoutParallelCallsAllowsExactlyOne()
    {
        Assert.Equal(1, (int)Schema(new(ToolChoiceMode.Required), parallel: false)["maxItems"]!);
    }

    [Theory]
    [InlineData(ToolChoiceMode.Auto)]
    [InlineData(ToolChoiceMode.None)]
    public void ChoicesThatForceNothingHaveNoSchema(ToolChoiceMode mode)
    {
        Assert.Null(ForcedToolCallSchemas.For(Tools, new(mode), parallel: true));
    }
}
