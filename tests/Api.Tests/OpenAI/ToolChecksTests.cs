using System.Text;
using Platform.Api.OpenAI.Validation;

namespace Platform.Api.Tests.OpenAI;

public sealed class ToolChecksTests
{
    const string Tool = """{"type":"function","function":{"name":"get_weather","parameters":{"type":"object","properties":{"city":{"type":"string"}}}}}""";

    static string Chat(string extra, string messages = """[{"role":"user","content":"hi"}]""") =>
        $$"""{"model":"m","messages":{{messages}}{{extra}}}""";

    static (string? Code, string? Param) Error(string body)
    {
        var result = ChatRequestValidator.Instance.Validate(Encoding.UTF8.GetBytes(body));
        return result.IsValid ? (null, null) : (result.Error.Code, result.Error.Param);
    }

    [Theory]
    [InlineData(",\"tools\":123", "invalid_type", "tools")]
    [InlineData(",\"tools\":[{\"type\":\"x\"}]", "invalid_type", "tools[0]")]
    [InlineData(",\"tools\":[{\"type\":\"function\",\"function\":{\"name\":\"bad name\"}}]", "invalid_value", "tools[0].function.name")]
    [InlineData(",\"tools\":[{\"type\":\"function\",\"function\":{\"name\":\"f\",\"parameters\":[]}}]", "invalid_type", "tools[0].function.parameters")]
    [InlineData(",\"tools\":[{\"type\":\"function\",\"function\":{\"name\":\"f\"}},{\"type\":\"function\",\"function\":{\"name\":\"f\"}}]", "invalid_value", "tools[1].function.name")]
    [InlineData(",\"tools\":[{\"type\":\"function\",\"function\":{\"name\":\"f\",\"strict\":true}}]", "unsupported_parameter", "tools[0].function.strict")]
    [InlineData(",\"tool_choice\":5", "invalid_type", "tool_choice")]
    [InlineData(",\"tool_choice\":\"sometimes\"", "invalid_value", "tool_choice")]
    [InlineData(",\"tool_choice\":\"auto\"", "invalid_value", "tool_choice")]
    [InlineData(",\"tools\":[" + Tool + "],\"tool_choice\":{\"type\":\"function\",\"function\":{\"name\":\"other\"}}", "invalid_value", "tool_choice")]
    [InlineData(",\"tools\":[" + Tool + "],\"tool_choice\":\"required\",\"response_format\":{\"type\":\"json_object\"}", "invalid_value", "tool_choice")]
    [InlineData(",\"parallel_tool_calls\":\"yes\"", "invalid_type", "parallel_tool_calls")]
    public void ToolFieldsAreCheckedAsOpenAIChecksThemAndAForcedCallCannotMeetAResponseFormat(string extra, string code, string param)
    {
        Assert.Equal((code, param), Error(Chat(extra)));
    }

    [Theory]
    [InlineData(",\"tools\":[]")]
    [InlineData(",\"tool_choice\":\"none\"")]
    [InlineData(",\"parallel_tool_calls\":false")]
    [InlineData(",\"tools\":[" + Tool + "]")]
    [InlineData(",\"tools\":[" + Tool + "],\"tool_choice\":\"auto\",\"parallel_tool_calls\":false")]
    [InlineData(",\"tools\":[" + Tool + "],\"tool_choice\":\"none\"")]
    [InlineData(",\"tools\":[" + Tool + "],\"tool_choice\":\"required\"")]
    [InlineData(",\"tools\":[" + Tool + "],\"tool_choice\":{\"type\":\"function\",\"function\":{\"name\":\"get_weather\"}}")]
    public void ToolsWithEveryToolChoiceAreAccepted(string extra)
    {
        Assert.Equal((null, null), Error(Chat(extra)));
    }

    const string Call = """{"id":"call_1","type":"function","function":{"name":"get_weather","arguments":"{\"city\":\"Oslo\"}"}}""";

    [Fact]
    public void AHistoryOfToolCallsAndToolResultsIsAccepted()
    {
        var messages = $$"""[{"role":"user","content":"weather?"},{"role":"assistant","content":null,"tool_calls":[{{Call}}]},{"role":"tool","tool_call_id":"call_1","content":"sunny"}]""";
        Assert.Equal((null, null), Error(Chat(",\"tools\":[" + Tool + "]", messages)));
    }

    [Theory]
    [InlineData("""[{"role":"tool","content":"sunny"}]""", "missing_required_parameter", "messages[0].tool_call_id")]
    [InlineData("""[{"role":"user","content":"x","tool_call_id":"c"}]""", "invalid_value", "messages[0].tool_call_id")]
    [InlineData("""[{"role":"user","content":"x","tool_calls":[]}]""", "invalid_value", "messages[0].tool_calls")]
    [InlineData("""[{"role":"assistant","content":null,"tool_calls":[{"type":"function","function":{"name":"f","arguments":"{}"}}]}]""", "missing_required_parameter", "messages[0].tool_calls[0].id")]
    [InlineData("""[{"role":"assistant","content":null,"tool_calls":[{"id":"c","type":"function","function":{"name":"f"}}]}]""", "missing_required_parameter", "messages[0].tool_calls[0].function.arguments")]
    [InlineData("""[{"role":"assistant","content":null,"tool_calls":[{"id":"c","type":"function","function":{"name":"f","arguments":{"a":1}}}]}]""", "invalid_type", "messages[0].tool_calls[0].function.arguments")]
    [InlineData("""[{"role":"assistant","content":null,"tool_calls":[{"id":"c","type":"code","function":{"name":"f","arguments":"{}"}}]}]""", "invalid_value", "messages[0].tool_calls[0].type")]
    [InlineData("""[{"role":"tool","tool_call_id":"c"}]""", "missing_required_parameter", "messages[0].content")]
    public void MalformedToolHistoryIsRefusedNamingTheField(string messages, string code, string param)
    {
        Assert.Equal((code, param), Error(Chat("", messages)));
    }
}
