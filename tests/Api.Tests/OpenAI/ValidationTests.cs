using System.Text;
using Platform.Api.OpenAI.Errors;
using Platform.Api.OpenAI.Validation;

namespace Platform.Api.Tests.OpenAI;

public sealed class ValidationTests
{
    const string User = """{"role":"user","content":"hi"}""";

    static ApiError ChatError(string body)
    {
        var result = ChatRequestValidator.Instance.Validate(Encoding.UTF8.GetBytes(body));
        Assert.False(result.IsValid, "the body was accepted");
        return result.Error;
    }

    static ApiError CompletionError(string body)
    {
        var result = CompletionRequestValidator.Instance.Validate(Encoding.UTF8.GetBytes(body));
        Assert.False(result.IsValid, "the body was accepted");
        return result.Error;
    }

    static string Chat(string extraFields) => $$"""{"model":"m","messages":[{{User}}]{{extraFields}}}""";

    [Theory]
    [InlineData("{\"model\": \"m\",")]
    [InlineData("not json")]
    [InlineData("")]
    [InlineData("[1,2]")]
    [InlineData("null")]
    public void MalformedJsonIsA400WithoutParam(string body)
    {
        var error = ChatError(body);

        Assert.Equal((400, ApiError.InvalidRequestType, null), (error.StatusCode, error.Type, error.Param));
        Assert.Contains("could not parse the JSON body", error.Message);
    }

    [Fact]
    public void InvalidUtf8SaysTheBodyIsNotUtf8()
    {
        var body = Encoding.UTF8.GetBytes("{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"\u0001\"}]}");
        body[Array.IndexOf(body, (byte)1)] = 0xFF;

        var result = ChatRequestValidator.Instance.Validate(body);

        Assert.Equal((400, "invalid_encoding", null), (result.Error.StatusCode, result.Error.Code, result.Error.Param));
        Assert.Contains("not valid UTF-8", result.Error.Message);
    }

    [Fact]
    public void JsonSyntaxErrorSaysWhereOnceWithoutExceptionText()
    {
        var error = ChatError("{\"model\": \"m\",\n x}");

        Assert.Contains("(line 2, position 2)", error.Message);
        Assert.DoesNotContain("BytePositionInLine", error.Message);
        Assert.DoesNotContain("..", error.Message);
    }

    [Theory]
    [InlineData(",\"temperature\":2.5", "temperature", "decimal_above_max_value")]
    [InlineData(",\"temperature\":-0.1", "temperature", "decimal_below_min_value")]
    [InlineData(",\"top_p\":0", "top_p", "decimal_below_min_value")]
    [InlineData(",\"top_p\":1.01", "top_p", "decimal_above_max_value")]
    [InlineData(",\"n\":0", "n", "integer_below_min_value")]
    [InlineData(",\"n\":129", "n", "integer_above_max_value")]
    [InlineData(",\"max_tokens\":0", "max_tokens", "integer_below_min_value")]
    [InlineData(",\"max_completion_tokens\":-5", "max_completion_tokens", "integer_below_min_value")]
    [InlineData(",\"presence_penalty\":2.5", "presence_penalty", "decimal_above_max_value")]
    [InlineData(",\"frequency_penalty\":-3", "frequency_penalty", "decimal_below_min_value")]
    [InlineData(",\"logprobs\":true,\"top_logprobs\":21", "top_logprobs", "integer_above_max_value")]
    [InlineData(",\"logprobs\":true,\"top_logprobs\":-1", "top_logprobs", "integer_below_min_value")]
    [InlineData(",\"top_logprobs\":2", "top_logprobs", "invalid_value")]
    [InlineData(",\"stop\":[\"a\",\"b\",\"c\",\"d\",\"e\"]", "stop", "array_above_max_length")]
    [InlineData(",\"stop\":\"\"", "stop", "invalid_value")]
    [InlineData(",\"stream_options\":{\"include_usage\":true}", "stream_options", "invalid_value")]
    [InlineData(",\"top_k\":-2", "top_k", "integer_below_min_value")]
    [InlineData(",\"min_p\":1.5", "min_p", "decimal_above_max_value")]
    [InlineData(",\"repetition_penalty\":0", "repetition_penalty", "decimal_below_min_value")]
    [InlineData(",\"logit_bias\":{\"abc\":1}", "logit_bias", "invalid_value")]
    [InlineData(",\"logit_bias\":{\"5\":101}", "logit_bias.5", "decimal_above_max_value")]
    [InlineData(",\"min_tokens\":-1", "min_tokens", "integer_below_min_value")]
    [InlineData(",\"max_tokens\":4,\"min_tokens\":5", "min_tokens", "invalid_value")]
    [InlineData(",\"max_tokens\":9,\"max_completion_tokens\":4,\"min_tokens\":5", "min_tokens", "invalid_value")]
    [InlineData(",\"safety_identifier\":\"0123456789012345678901234567890123456789012345678901234567890123456789\"", "safety_identifier", "string_above_max_length")]
    public void OutOfRangeFieldIsA400NamingIt(string extraFields, string param, string code)
    {
        var error = ChatError(Chat(extraFields));

        Assert.Equal((400, ApiError.InvalidRequestType, param, code), (error.StatusCode, error.Type, error.Param, error.Code));
        Assert.Contains(param.Split('.')[0], error.Message);
    }

    [Fact]
    public void RangeMessageSaysTheLimitAndTheValue()
    {
        var error = ChatError(Chat(",\"temperature\":3"));

        Assert.Equal("Invalid 'temperature': decimal above maximum value. Expected a value <= 2, but got 3 instead.", error.Message);
    }

    [Theory]
    [InlineData(",\"temperature\":\"hot\"", "temperature", "a number")]
    [InlineData(",\"max_tokens\":2.5", "max_tokens", "an integer")]
    [InlineData(",\"n\":\"2\"", "n", "an integer")]
    [InlineData(",\"stream\":\"yes\"", "stream", "a boolean")]
    [InlineData(",\"stop\":42", "stop", "a string or an array of strings")]
    [InlineData(",\"stop\":[\"a\",1]", "stop", "a string or an array of strings")]
    [InlineData(",\"logprobs\":1", "logprobs", "a boolean")]
    [InlineData(",\"prompt_cache_key\":7", "prompt_cache_key", "a string")]
    [InlineData(",\"min_tokens\":1.5", "min_tokens", "an integer")]
    [InlineData(",\"ignore_eos\":\"yes\"", "ignore_eos", "a boolean")]
    [InlineData(",\"safety_identifier\":5", "safety_identifier", "a string")]
    public void WrongJsonTypeIsA400NamingTheFieldAndTheExpectedType(string extraFields, string param, string expected)
    {
        var error = ChatError(Chat(extraFields));

        Assert.Equal((400, param, "invalid_type"), (error.StatusCode, error.Param, error.Code));
        Assert.Contains(expected, error.Message);
    }

    [Theory]
    [InlineData("""{"messages":[{"role":"user","content":"hi"}]}""", "model", "missing_required_parameter")]
    [InlineData("""{"model":"m"}""", "messages", "missing_required_parameter")]
    [InlineData("""{"model":"m","messages":[]}""", "messages", "empty_array")]
    [InlineData("""{"model":"m","messages":"hi"}""", "messages", "invalid_type")]
    [InlineData("""{"model":"m","messages":["hi"]}""", "messages[0]", "invalid_type")]
    [InlineData("""{"model":"m","messages":[{"content":"hi"}]}""", "messages[0].role", "missing_required_parameter")]
    [InlineData("""{"model":"m","messages":[{"role":"user","content":"hi"},{"role":"wizard","content":"x"}]}""", "messages[1].role", "invalid_value")]
    [InlineData("""{"model":"m","messages":[{"role":"user"}]}""", "messages[0].content", "missing_required_parameter")]
    [InlineData("""{"model":"m","messages":[{"role":"assistant"}]}""", "messages[0].content", "missing_required_parameter")]
    [InlineData("""{"model":"m","messages":[{"role":"user","content":7}]}""", "messages[0].content", "invalid_type")]
    [InlineData("""{"model":"m","messages":[{"role":"user","content":[]}]}""", "messages[0].content", "empty_array")]
    [InlineData("""{"model":"m","messages":[{"role":"user","content":[{"type":"text","text":"a"},{"type":"image_url","image_url":{"url":"x"}}]}]}""", "messages[0].content[1].type", "unsupported_parameter")]
    [InlineData("""{"model":"m","messages":[{"role":"user","content":[{"type":"text"}]}]}""", "messages[0].content[0].text", "missing_required_parameter")]
    [InlineData("""{"model":"m","messages":[{"role":"tool","content":"42"}]}""", "messages[0].tool_call_id", "missing_required_parameter")]
    [InlineData("""{"model":"m","messages":[{"role":7,"content":"x"}]}""", "messages[0].role", "invalid_type")]
    public void BadMessagesAreA400NamingTheMessageField(string body, string param, string code)
    {
        var error = ChatError(body);

        Assert.Equal((400, param, code), (error.StatusCode, error.Param, error.Code));
    }

    [Fact]
    public void UnknownRoleMessageListsTheSupportedRoles()
    {
        var error = ChatError("""{"model":"m","messages":[{"role":"wizard","content":"x"}]}""");

        Assert.Equal("Invalid value: 'wizard'. Supported values are: 'system', 'developer', 'user', 'assistant', 'tool'.", error.Message);
    }

    [Theory]
    [InlineData("""{"model":"m"}""", "prompt", "missing_required_parameter")]
    [InlineData("""{"model":"m","prompt":[]}""", "prompt", "empty_array")]
    [InlineData("""{"model":"m","prompt":{"a":1}}""", "prompt", "invalid_type")]
    [InlineData("""{"model":"m","prompt":[1,"a"]}""", "prompt", "invalid_type")]
    [InlineData("""{"model":"m","prompt":[[1,2],[]]}""", "prompt[1]", "empty_array")]
    [InlineData("""{"model":"m","prompt":[5,-1]}""", "prompt", "integer_below_min_value")]
    [InlineData("""{"model":"m","prompt":"x","logprobs":21}""", "logprobs", "integer_above_max_value")]
    [InlineData("""{"model":"m","prompt":"x","logprobs":true}""", "logprobs", "invalid_type")]
    [InlineData("""{"model":"m","prompt":"x","echo":true}""", "echo", "unsupported_parameter")]
    [InlineData("""{"model":"m","prompt":"x","suffix":"end"}""", "suffix", "unsupported_parameter")]
    [InlineData("""{"model":"m","prompt":"x","best_of":3}""", "best_of", "unsupported_parameter")]
    [InlineData("""{"model":"m","prompt":"x","temperature":9}""", "temperature", "decimal_above_max_value")]
    [InlineData("""{"prompt":"x"}""", "model", "missing_required_parameter")]
    [InlineData("""{"model":"m","prompt":["a","b","c"],"n":50}""", "prompt", "too_many_choices")]
    public void BadCompletionRequestIsA400NamingTheField(string body, string param, string code)
    {
        var error = CompletionError(body);

        Assert.Equal((400, param, code), (error.StatusCode, error.Param, error.Code));
    }

    [Fact]
    public void AHundredThousandPrompts_AreRefused_NotQueuedAheadOfEveryoneElse()
    {
        var body = $$"""{"model":"m","prompt":[{{string.Join(',', Enumerable.Repeat("\"x\"", 100_000))}}]}""";

        var error = CompletionError(body);

        Assert.Equal((400, "too_many_choices"), (error.StatusCode, error.Code));
        Assert.Contains("100000 completions", error.Message);
        // The limit that n alone has: 128 prompts × n = 1 still pass.
        Assert.True(CompletionRequestValidator.Instance.Validate(Encoding.UTF8.GetBytes(
            $$"""{"model":"m","prompt":[{{string.Join(',', Enumerable.Repeat("\"x\"", 128))}}]}""")).IsValid);
    }

    [Theory]
    [InlineData(",\"temperature\":0,\"top_p\":1,\"n\":128,\"max_tokens\":1")]
    [InlineData(",\"temperature\":2,\"top_logprobs\":0")]
    [InlineData(",\"logprobs\":true,\"top_logprobs\":20,\"stop\":[\"a\",\"b\",\"c\",\"d\"]")]
    [InlineData(",\"top_k\":-1,\"min_p\":0,\"repetition_penalty\":2,\"seed\":-7")]
    [InlineData(",\"stream\":true,\"stream_options\":{\"include_usage\":false}")]
    public void ValuesAtTheLimitsAreAccepted(string extraFields) =>
        Assert.True(ChatRequestValidator.Instance.Validate(Encoding.UTF8.GetBytes(Chat(extraFields))).IsValid);

    [Fact]
    public async Task StreamedBodyIsValidatedLikeABuffer()
    {
        using var body = new MemoryStream(Encoding.UTF8.GetBytes(Chat(",\"n\":0")));

        var result = await ChatRequestValidator.Instance.ValidateAsync(body, maxBytes: 1 << 20, CancellationToken.None);

        Assert.Equal("n", result.Error?.Param);
    }

    [Fact]
    public async Task OversizedBodyIsA413()
    {
        using var body = new MemoryStream(Encoding.UTF8.GetBytes(Chat(new string(' ', 50_000))));

        var result = await CompletionRequestValidator.Instance.ValidateAsync(body, maxBytes: 40_000, CancellationToken.None);

        Assert.Equal(413, result.Error?.StatusCode);
    }
}
