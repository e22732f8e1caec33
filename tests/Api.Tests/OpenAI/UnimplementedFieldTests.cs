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
    [InlineData(",\"response_format\":\"json\"", "invalid_type", "response_format")]
    [InlineData(",\"stop_token_ids\":[-1]", "integer_below_min_value", "stop_token_ids[0]")]
    [InlineData(",\"stop_token_ids\":[1099511627776]", "invalid_type", "stop_token_ids[0]")]
    [InlineData(",\"stop_token_ids\":7", "invalid_type", "stop_token_ids")]
    public void UnimplementedFieldsAreShapeCheckedAndRefusedWhenTheyWouldMatter(string extra, string code, string param)
    {
        Assert.Equal((code, param), Error(Chat(extra)));
    }

    [Theory]
    [InlineData(",\"response_format\":{\"type\":\"text\"}")]
    [InlineData(",\"stop_token_ids\":[]")]
    public void ValuesThatChangeNothingAreAccepted(string extra)
    {
        Assert.Equal((null, null), Error(Chat(extra)));
    }
}
