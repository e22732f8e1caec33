using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Platform.Api.OpenAI;
using Platform.Api.OpenAI.Requests;
using Platform.Api.OpenAI.Validation;
using Platform.Grains.Interfaces.Generation;

namespace Platform.Api.Tests.OpenAI;

public sealed class ResponseRequestValidationTests
{
    static string Body(string extra, string input = "\"hi\"") => $$"""{"model":"m","input":{{input}}{{extra}}}""";

    static RequestValidation<ResponseRequest> Validate(string body) => ResponseRequestValidator.Validate(Encoding.UTF8.GetBytes(body));

    static (string? Code, string? Param) Error(string body)
    {
        var result = Validate(body);
        return result.IsValid ? (null, null) : (result.Error.Code, result.Error.Param);
    }

    static IReadOnlyList<ChatMessageData> Messages(string input)
    {
        var result = Validate(Body("", input));
        Assert.True(result.IsValid, result.Error?.Message);
        return ResponseInputReader.Read(result.Request.Input).Messages!;
    }

    [Fact]
    public void StringInputIsOneUserMessage() =>
        Assert.Equal([new ChatMessageData("user", "Tell me a story.")], Messages("\"Tell me a story.\""));

    [Fact]
    public void MessageItemsKeepTheirOrderAndRoles_AndTheirTextPartsJoin()
    {
        var messages = Messages("""
            [{"role":"developer","content":"Be brief."},
             {"type":"message","role":"user","content":[{"type":"input_text","text":"Hello, "},{"type":"input_text","text":"cat."}]},
             {"type":"message","id":"msg_1","status":"completed","role":"assistant","content":[{"type":"output_text","text":"Meow.","annotations":[]}]},
             {"role":"user","content":"And then?"}]
            """);

        Assert.Equal(
            [new ChatMessageData("developer", "Be brief."), new ChatMessageData("user", "Hello, cat."), new ChatMessageData("assistant", "Meow."), new ChatMessageData("user", "And then?")],
            messages);
    }

    [Theory]
    [InlineData(",\"foo\":1", "unknown_parameter", "foo")]
    [InlineData(",\"seed\":1", "unknown_parameter", "seed")]
    [InlineData(",\"instructions\":5", "invalid_type", "instructions")]
    [InlineData(",\"store\":\"yes\"", "invalid_type", "store")]
    [InlineData(",\"max_output_tokens\":15", "integer_below_min_value", "max_output_tokens")]
    [InlineData(",\"temperature\":3", "decimal_above_max_value", "temperature")]
    [InlineData(",\"top_p\":0", "decimal_below_min_value", "top_p")]
    [InlineData(",\"stream_options\":{\"include_obfuscation\":false}", "invalid_value", "stream_options")]
    [InlineData(",\"stream\":true,\"stream_options\":{\"include_usage\":true}", "unknown_parameter", "stream_options.include_usage")]
    [InlineData(",\"metadata\":{\"k\":1}", "invalid_type", "metadata.k")]
    [InlineData(",\"metadata\":[]", "invalid_type", "metadata")]
    [InlineData(",\"previous_response_id\":\"a/b\"", "invalid_value", "previous_response_id")]
    [InlineData(",\"text\":{\"format\":{\"type\":\"json_schema\",\"schema\":{}}}", "missing_required_parameter", "text.format.name")]
    [InlineData(",\"text\":{\"format\":{\"type\":\"json_schema\",\"name\":\"a b\",\"schema\":{}}}", "invalid_value", "text.format.name")]
    [InlineData(",\"text\":{\"format\":{\"type\":\"json_schema\",\"name\":\"x\"}}", "missing_required_parameter", "text.format.schema")]
    [InlineData(",\"text\":{\"format\":{\"type\":\"json_schema\",\"name\":\"x\",\"schema\":7}}", "invalid_type", "text.format.schema")]
    [InlineData(",\"text\":{\"format\":{\"type\":\"json_schema\",\"name\":\"x\",\"schema\":{},\"strict\":\"yes\"}}", "invalid_type", "text.format.strict")]
    [InlineData(",\"text\":{\"format\":{\"type\":\"json_schema\",\"name\":\"x\",\"schema\":{},\"json_schema\":{}}}", "unknown_parameter", "text.format.json_schema")]
    [InlineData(",\"text\":{\"format\":{\"type\":\"json_object\",\"schema\":{}}}", "unknown_parameter", "text.format.schema")]
    [InlineData(",\"text\":{\"format\":{\"type\":\"xml\"}}", "invalid_value", "text.format.type")]
    [InlineData(",\"text\":{\"verbosity\":\"low\"}", "unsupported_parameter", "text.verbosity")]
    [InlineData(",\"tools\":[{\"type\":\"function\",\"name\":\"f\",\"parameters\":{}}]", "unsupported_parameter", "tools")]
    [InlineData(",\"tools\":[1]", "invalid_type", "tools[0]")]
    [InlineData(",\"tool_choice\":\"required\"", "unsupported_parameter", "tool_choice")]
    [InlineData(",\"tool_choice\":{\"type\":\"function\",\"name\":\"f\"}", "unsupported_parameter", "tool_choice")]
    [InlineData(",\"parallel_tool_calls\":\"no\"", "invalid_type", "parallel_tool_calls")]
    [InlineData(",\"truncation\":\"sometimes\"", "invalid_value", "truncation")]
    [InlineData(",\"reasoning\":{\"effort\":\"low\"}", "unsupported_parameter", "reasoning.effort")]
    [InlineData(",\"include\":[\"message.output_text.logprobs\"]", "unsupported_parameter", "include[0]")]
    [InlineData(",\"include\":[\"everything\"]", "invalid_value", "include[0]")]
    [InlineData(",\"background\":true", "unsupported_parameter", "background")]
    [InlineData(",\"prompt\":{\"id\":\"pmpt_1\"}", "unsupported_parameter", "prompt")]
    [InlineData(",\"service_tier\":\"flex\"", "unsupported_parameter", "service_tier")]
    [InlineData(",\"service_tier\":\"gold\"", "invalid_value", "service_tier")]
    [InlineData(",\"conversation\":\"conv_1\"", "unsupported_parameter", "conversation")]
    [InlineData(",\"context_management\":[{\"type\":\"compaction\"}]", "unsupported_parameter", "context_management")]
    [InlineData(",\"moderation\":{\"model\":\"omni-moderation-latest\"}", "unsupported_parameter", "moderation")]
    [InlineData(",\"top_logprobs\":2", "unsupported_parameter", "top_logprobs")]
    [InlineData(",\"top_logprobs\":21", "integer_above_max_value", "top_logprobs")]
    [InlineData(",\"prompt_cache_retention\":\"24h\"", "unsupported_parameter", "prompt_cache_retention")]
    [InlineData(",\"prompt_cache_options\":{\"ttl\":\"1h\"}", "unsupported_parameter", "prompt_cache_options")]
    public void EveryFieldIsHonouredOrRefusedByName(string extra, string code, string param) =>
        Assert.Equal((code, param), Error(Body(extra)));

    [Theory]
    [InlineData("null", "missing_required_parameter", "input")]
    [InlineData("5", "invalid_type", "input")]
    [InlineData("[]", "empty_array", "input")]
    [InlineData("[\"hi\"]", "invalid_type", "input[0]")]
    [InlineData("[{\"type\":\"function_call_output\",\"call_id\":\"c\",\"output\":\"42\"}]", "unsupported_parameter", "input[0].type")]
    [InlineData("[{\"type\":\"reasoning\",\"summary\":[]}]", "unsupported_parameter", "input[0].type")]
    [InlineData("[{\"type\":\"item_reference\",\"id\":\"msg_1\"}]", "unsupported_parameter", "input[0].type")]
    [InlineData("[{\"type\":\"bogus\"}]", "invalid_value", "input[0].type")]
    [InlineData("[{\"content\":\"hi\"}]", "missing_required_parameter", "input[0].role")]
    [InlineData("[{\"role\":\"tool\",\"content\":\"hi\"}]", "invalid_value", "input[0].role")]
    [InlineData("[{\"role\":\"user\"}]", "missing_required_parameter", "input[0].content")]
    [InlineData("[{\"role\":\"user\",\"content\":\"hi\",\"name\":\"bob\"}]", "unknown_parameter", "input[0].name")]
    [InlineData("[{\"role\":\"user\",\"content\":[]}]", "empty_array", "input[0].content")]
    [InlineData("[{\"role\":\"user\",\"content\":[{\"type\":\"input_image\",\"image_url\":\"https://x/cat.png\"}]}]", "unsupported_parameter", "input[0].content[0].type")]
    [InlineData("[{\"role\":\"user\",\"content\":[{\"type\":\"input_file\",\"file_id\":\"file_1\"}]}]", "unsupported_parameter", "input[0].content[0].type")]
    [InlineData("[{\"role\":\"user\",\"content\":[{\"type\":\"output_text\",\"text\":\"x\"}]}]", "unsupported_parameter", "input[0].content[0].type")]
    [InlineData("[{\"role\":\"assistant\",\"content\":[{\"type\":\"refusal\",\"refusal\":\"no\"}]}]", "unsupported_parameter", "input[0].content[0].type")]
    [InlineData("[{\"role\":\"user\",\"content\":[{\"type\":\"input_text\"}]}]", "missing_required_parameter", "input[0].content[0].text")]
    [InlineData("[{\"role\":\"user\",\"content\":[{\"type\":\"input_text\",\"text\":\"x\",\"extra\":1}]}]", "unknown_parameter", "input[0].content[0].extra")]
    [InlineData("[{\"role\":\"assistant\",\"content\":\"x\",\"phase\":\"commentary\"}]", "unsupported_parameter", "input[0].phase")]
    public void InputOtherThanTextMessagesIsRefusedNamingTheItem(string input, string code, string param) =>
        Assert.Equal((code, param), Error(Body("", input)));

    [Theory]
    [InlineData(",\"tools\":[]")]
    [InlineData(",\"tool_choice\":\"none\"")]
    [InlineData(",\"tool_choice\":\"auto\",\"parallel_tool_calls\":false,\"max_tool_calls\":3")]
    [InlineData(",\"text\":{\"format\":{\"type\":\"text\"},\"verbosity\":\"medium\"}")]
    [InlineData(",\"reasoning\":{\"effort\":null}")]
    [InlineData(",\"include\":[]")]
    [InlineData(",\"background\":false,\"service_tier\":\"auto\",\"truncation\":\"auto\",\"store\":false")]
    [InlineData(",\"prompt_cache_retention\":\"in_memory\",\"prompt_cache_key\":\"k\",\"user\":\"u\",\"safety_identifier\":\"s\"")]
    [InlineData(",\"stream\":true,\"stream_options\":{\"include_obfuscation\":false}")]
    [InlineData(",\"metadata\":{\"team\":\"cats\"},\"instructions\":\"Be brief.\",\"max_output_tokens\":16,\"temperature\":0,\"top_p\":0.5")]
    [InlineData(",\"previous_response_id\":null,\"conversation\":null,\"prompt\":null,\"moderation\":null")]
    public void ValuesThatChangeNothingOrAreHonouredAreAccepted(string extra) =>
        Assert.Equal((null, null), Error(Body(extra)));

    [Fact]
    public void MetadataIsLimitedToSixteenEntries()
    {
        var entries = string.Join(',', Enumerable.Range(0, 17).Select(i => $"\"k{i}\":\"v\""));
        Assert.Equal(("object_above_max_properties", "metadata"), Error(Body($",\"metadata\":{{{entries}}}")));
    }

    [Fact]
    public void SafetyIdentifierIsAtMostSixtyFourCharacters() =>
        Assert.Equal(("string_above_max_length", "safety_identifier"), Error(Body($",\"safety_identifier\":\"{new string('x', 65)}\"")));

    [Fact]
    public void RequestFieldsAreExactlyTheSpecsCreateResponseProperties()
    {
        var json = JsonNode.Parse(JsonSerializer.Serialize(new ResponseRequest(), OpenAIJsonContext.Default.ResponseRequest))!.AsObject();
        var spec = OpenApiSpec.PropertiesOf("CreateResponse", "CreateModelResponseProperties", "ModelResponseProperties", "ResponseProperties");

        Assert.Equal(spec.Order(), json.Select(p => p.Key).Order());
    }
}
