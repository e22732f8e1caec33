using System.Text;
using Platform.Api.OpenAI.Validation;

namespace Platform.Api.Tests.OpenAI;

public sealed class UnimplementedFieldTests
{
    static string Chat(string extra) => $$"""{"model":"m","messages":[{"role":"user","content":"hi"}]{{extra}}}""";

    static (string? Code, string? Param) Error(string body)
    {
        var result = ChatRequestValidator.Instance.Validate(Encoding.UTF8.GetBytes(body));
        return result.IsValid ? (null, null) : (result.Error.Code, result.Error.Param);
    }

    [Theory]
    [InlineData(",\"tools\":123", "invalid_type", "tools")]
    [InlineData(",\"tools\":[{\"type\":\"x\"}]", "invalid_type", "tools[0]")]
    [InlineData(",\"tools\":[{\"type\":\"function\",\"function\":{\"name\":\"f\"}}]", "unsupported_parameter", "tools")]
    [InlineData(",\"tool_choice\":5", "invalid_type", "tool_choice")]
    [InlineData(",\"tool_choice\":\"auto\"", "unsupported_parameter", "tool_choice")]
    [InlineData(",\"tool_choice\":{\"type\":\"function\",\"function\":{\"name\":\"f\"}}", "unsupported_parameter", "tool_choice")]
    [InlineData(",\"response_format\":\"json\"", "invalid_type", "response_format")]
    [InlineData(",\"parallel_tool_calls\":\"yes\"", "invalid_type", "parallel_tool_calls")]
    [InlineData(",\"stop_token_ids\":[-1]", "integer_below_min_value", "stop_token_ids[0]")]
    [InlineData(",\"stop_token_ids\":[1099511627776]", "invalid_type", "stop_token_ids[0]")]
    [InlineData(",\"stop_token_ids\":7", "invalid_type", "stop_token_ids")]
    public void UnimplementedFieldsAreShapeCheckedAndRefusedWhenTheyWouldMatter(string extra, string code, string param)
    {
        Assert.Equal((code, param), Error(Chat(extra)));
    }

    [Theory]
    [InlineData(",\"tools\":[]")]
    [InlineData(",\"tool_choice\":\"none\"")]
    [InlineData(",\"response_format\":{\"type\":\"text\"}")]
    [InlineData(",\"parallel_tool_calls\":false")]
    [InlineData(",\"stop_token_ids\":[]")]
    public void ValuesThatChangeNothingAreAccepted(string extra)
    {
        Assert.Equal((null, null), Error(Chat(extra)));
    }
}
