namespace Platform.Api.OpenAI.Validation;

/// <summary>What JSON type each request field takes, for "Invalid type for 'x': expected …" messages.</summary>
internal static class ExpectedTypes
{
    const string Number = "a number";
    const string Integer = "an integer";
    const string Boolean = "a boolean";
    const string Text = "a string";

    static readonly Dictionary<string, string> Shared = new(StringComparer.Ordinal)
    {
        ["model"] = Text, ["user"] = Text, ["safety_identifier"] = Text, ["prompt_cache_key"] = Text, ["cache_salt"] = Text,
        ["min_tokens"] = Integer, ["ignore_eos"] = Boolean,
        ["max_tokens"] = Integer, ["n"] = Integer, ["seed"] = Integer, ["top_k"] = Integer,
        ["temperature"] = Number, ["top_p"] = Number, ["presence_penalty"] = Number, ["frequency_penalty"] = Number,
        ["min_p"] = Number, ["repetition_penalty"] = Number,
        ["stream"] = Boolean, ["include_usage"] = Boolean,
        ["stream_options"] = "an object",
        ["stop"] = "a string or an array of strings",
        ["logit_bias"] = "an object mapping token ids to numbers",
    };

    /// <summary>Field types of a chat completion request.</summary>
    public static IReadOnlyDictionary<string, string> Chat { get; } = new Dictionary<string, string>(Shared, StringComparer.Ordinal)
    {
        ["messages"] = "an array of messages", ["messages[]"] = "a message object",
        ["role"] = Text, ["name"] = Text, ["tool_call_id"] = Text, ["tool_calls"] = "an array of tool calls",
        ["content"] = "a string or an array of content parts", ["content[]"] = "a content part object",
        ["type"] = Text, ["text"] = Text,
        ["max_completion_tokens"] = Integer, ["top_logprobs"] = Integer, ["logprobs"] = Boolean,
    };

    /// <summary>Field types of a legacy completion request.</summary>
    public static IReadOnlyDictionary<string, string> Completion { get; } = new Dictionary<string, string>(Shared, StringComparer.Ordinal)
    {
        ["prompt"] = "a string, an array of strings, an array of token ids, or an array of arrays of token ids",
        ["logprobs"] = Integer, ["best_of"] = Integer, ["echo"] = Boolean, ["suffix"] = Text,
    };

    /// <summary>Field types of a Responses API request (its own set: it shares the names, not the fields, of chat).</summary>
    public static IReadOnlyDictionary<string, string> Responses { get; } = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["model"] = Text, ["instructions"] = Text, ["previous_response_id"] = Text, ["user"] = Text, ["safety_identifier"] = Text,
        ["prompt_cache_key"] = Text, ["prompt_cache_retention"] = Text, ["truncation"] = Text, ["service_tier"] = Text,
        ["max_output_tokens"] = Integer, ["max_tool_calls"] = Integer, ["top_logprobs"] = Integer,
        ["temperature"] = Number, ["top_p"] = Number,
        ["stream"] = Boolean, ["store"] = Boolean, ["parallel_tool_calls"] = Boolean, ["background"] = Boolean,
    };
}
