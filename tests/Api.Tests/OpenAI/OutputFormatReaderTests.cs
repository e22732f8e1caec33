using System.Text;
using Platform.Api.OpenAI.Requests;
using Platform.Api.OpenAI.Validation;
using Platform.Grains.Interfaces.Generation;

namespace Platform.Api.Tests.OpenAI;

public sealed class OutputFormatReaderTests
{
    static string Chat(string extra) => $$"""{"model":"m","messages":[{"role":"user","content":"hi"}]{{extra}}}""";

    static (string? Code, string? Param) Error(string body)
    {
        var result = ChatRequestValidator.Instance.Validate(Encoding.UTF8.GetBytes(body));
        return result.IsValid ? (null, null) : (result.Error.Code, result.Error.Param);
    }

    static OutputConstraint? Constraint(string extra)
    {
        var result = ChatRequestValidator.Instance.Validate(Encoding.UTF8.GetBytes(Chat(extra)));
        Assert.True(result.IsValid, result.IsValid ? "" : result.Error.Message);
        Assert.Null(OutputFormatReader.Read(result.Request, out var constraint));
        return constraint;
    }

    [Theory]
    [InlineData(",\"response_format\":\"json\"", "invalid_type", "response_format")]
    [InlineData(",\"response_format\":{\"type\":\"yaml\"}", "invalid_value", "response_format.type")]
    [InlineData(",\"response_format\":{\"type\":\"json_schema\"}", "missing_required_parameter", "response_format.json_schema")]
    [InlineData(",\"response_format\":{\"type\":\"json_schema\",\"json_schema\":{\"schema\":{}}}", "missing_required_parameter", "response_format.json_schema.name")]
    [InlineData(",\"response_format\":{\"type\":\"json_schema\",\"json_schema\":{\"name\":\"a b\",\"schema\":{}}}", "invalid_value", "response_format.json_schema.name")]
    [InlineData(",\"response_format\":{\"type\":\"json_schema\",\"json_schema\":{\"name\":\"n\"}}", "missing_required_parameter", "response_format.json_schema.schema")]
    [InlineData(",\"response_format\":{\"type\":\"json_schema\",\"json_schema\":{\"name\":\"n\",\"schema\":[]}}", "invalid_type", "response_format.json_schema.schema")]
    [InlineData(",\"response_format\":{\"type\":\"json_schema\",\"json_schema\":{\"name\":\"n\",\"strict\":\"yes\",\"schema\":{}}}", "invalid_type", "response_format.json_schema.strict")]
    [InlineData(",\"structured_outputs\":{\"grammar\":\"root ::= x\"}", "unsupported_parameter", "structured_outputs.grammar")]
    [InlineData(",\"structured_outputs\":{\"choice\":[]}", "invalid_type", "structured_outputs.choice")]
    [InlineData(",\"structured_outputs\":{\"regex\":5}", "invalid_type", "structured_outputs.regex")]
    [InlineData(",\"structured_outputs\":{\"whatever\":1}", "unsupported_parameter", "structured_outputs.whatever")]
    [InlineData(",\"guided_grammar\":\"root ::= x\"", "unsupported_parameter", "guided_grammar")]
    [InlineData(",\"response_format\":{\"type\":\"json_object\"},\"guided_regex\":\"a+\"", "invalid_value", "guided_regex")]
    public void MalformedOrConflictingStructuredOutputFieldsAreRefusedNamingTheField(string extra, string code, string param)
    {
        Assert.Equal((code, param), Error(Chat(extra)));
    }

    [Fact]
    public void ResponseFormatsBecomeTheJobsOutputConstraint()
    {
        Assert.Null(Constraint(",\"response_format\":{\"type\":\"text\"}"));
        Assert.Equal(OutputConstraintKind.JsonObject, Constraint(",\"response_format\":{\"type\":\"json_object\"}")!.Kind);
        var schema = Constraint(",\"response_format\":{\"type\":\"json_schema\",\"json_schema\":{\"name\":\"w\",\"strict\":true,\"schema\":{\"type\":\"object\"}}}")!;
        Assert.Equal((OutputConstraintKind.JsonSchema, "{\"type\":\"object\"}", true, "response_format.json_schema.schema"), (schema.Kind, schema.Schema, schema.Strict, schema.Param));
    }

    [Fact]
    public void VllmStructuredOutputsAndGuidedFieldsBecomeTheJobsOutputConstraint()
    {
        var choice = Constraint(",\"structured_outputs\":{\"choice\":[\"yes\",\"no\"]}")!;
        Assert.Equal((OutputConstraintKind.Choice, "structured_outputs.choice"), (choice.Kind, choice.Param));
        Assert.Equal(["yes", "no"], choice.Choices!);
        var regex = Constraint(",\"guided_regex\":\"[a-z]+\"")!;
        Assert.Equal((OutputConstraintKind.Regex, "[a-z]+", "guided_regex"), (regex.Kind, regex.Pattern, regex.Param));
        var json = Constraint(",\"structured_outputs\":{\"json\":\"{\\\"type\\\":\\\"integer\\\"}\"}")!;
        Assert.Equal((OutputConstraintKind.JsonSchema, "{\"type\":\"integer\"}"), (json.Kind, json.Schema));
        var guided = Constraint(",\"guided_json\":{\"type\":\"boolean\"}")!;
        Assert.Equal("{\"type\":\"boolean\"}", guided.Schema);
    }

    [Fact]
    public void CompletionsTakeTheSameFields()
    {
        var result = CompletionRequestValidator.Instance.Validate(Encoding.UTF8.GetBytes("""{"model":"m","prompt":"x","response_format":{"type":"json_object"}}"""));
        Assert.True(result.IsValid);
        Assert.Null(OutputFormatReader.Read(result.Request, out var constraint));
        Assert.Equal(OutputConstraintKind.JsonObject, constraint!.Kind);
    }
}
