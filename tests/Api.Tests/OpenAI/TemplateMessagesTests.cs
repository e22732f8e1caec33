using System.Text;
using Platform.Api.OpenAI.Requests;
using Platform.Api.OpenAI.Validation;

namespace Platform.Api.Tests.OpenAI;

public sealed class TemplateMessagesTests
{
    static IReadOnlyList<ChatMessage> Messages(string messagesJson)
    {
        var result = ChatRequestValidator.Validate(Encoding.UTF8.GetBytes($$"""{"model":"m","messages":{{messagesJson}}}"""));
        Assert.True(result.IsValid, result.Error?.Message);
        return result.Request.Messages!;
    }

    [Fact]
    public void TextPartsBecomeOneStringAndRolesAreKept()
    {
        var json = Messages("""[{"role":"system","content":"Be kind."},{"role":"user","content":[{"type":"text","text":"a"},{"type":"text","text":"b"}],"name":"ann"}]""")
            .ToTemplateMessages().ToJsonString();

        Assert.Equal("""[{"role":"system","content":"Be kind."},{"role":"user","content":"ab","name":"ann"}]""", json);
    }

    [Fact]
    public void ToolCallsAndToolResultsPassThrough()
    {
        var json = Messages("""
            [{"role":"assistant","tool_calls":[{"id":"c1","type":"function","function":{"name":"f","arguments":"{}"}}]},
             {"role":"tool","tool_call_id":"c1","content":"42"}]
            """).ToTemplateMessages().ToJsonString();

        Assert.Equal("""[{"role":"assistant","content":null,"tool_calls":[{"id":"c1","type":"function","function":{"name":"f","arguments":"{}"}}]},{"role":"tool","content":"42","tool_call_id":"c1"}]""", json);
    }
}
