using System.Text.Json.Serialization;

namespace Platform.Api.OpenAI.Responses;

/// <summary>OpenAI's response object (`object: "response"`), as `POST /v1/responses` answers and `GET /v1/responses/{id}` returns it.</summary>
public sealed record ResponseObject
{
    public required string Id { get; init; }
    public string Object => "response";
    public required long CreatedAt { get; init; }

    /// <summary>`in_progress` while streaming, then `completed` or `incomplete` (or `failed` in a stream's last event).</summary>
    public required string Status { get; init; }

    public bool Background => false;
    public long? CompletedAt { get; init; }
    public ResponseErrorDetails? Error { get; init; }
    public ResponseIncompleteDetails? IncompleteDetails { get; init; }
    public string? Instructions { get; init; }
    public int? MaxOutputTokens { get; init; }
    public int? MaxToolCalls { get; init; }
    public required string Model { get; init; }
    public required IReadOnlyList<ResponseOutputMessage> Output { get; init; }
    public bool ParallelToolCalls { get; init; }
    public string? PreviousResponseId { get; init; }
    public string? PromptCacheKey { get; init; }
    public string? PromptCacheRetention { get; init; }
    public ResponseReasoning Reasoning { get; } = new();
    public string? SafetyIdentifier { get; init; }
    public required string ServiceTier { get; init; }
    public bool Store { get; init; }
    public double Temperature { get; init; }
    public ResponseTextConfig Text { get; init; } = new();
    public required string ToolChoice { get; init; }
    public IReadOnlyList<System.Text.Json.JsonElement> Tools { get; } = [];
    public int TopLogprobs { get; init; }
    public double TopP { get; init; }
    public required string Truncation { get; init; }
    public ResponseUsage? Usage { get; init; }
    public string? User { get; init; }
    public required IReadOnlyDictionary<string, string> Metadata { get; init; }
}

/// <summary>`output[]`: the assistant message a response produced.</summary>
public sealed record ResponseOutputMessage
{
    public required string Id { get; init; }
    public string Type => "message";

    /// <summary>`in_progress`, `completed`, or `incomplete` when the output hit its token limit.</summary>
    public required string Status { get; init; }

    public string Role => "assistant";
    public required IReadOnlyList<ResponseOutputText> Content { get; init; }
}

/// <summary>`output[].content[]`: the message's text (no annotations or logprobs are produced).</summary>
public sealed record ResponseOutputText
{
    public string Type => "output_text";
    public IReadOnlyList<System.Text.Json.JsonElement> Annotations { get; } = [];
    public IReadOnlyList<System.Text.Json.JsonElement> Logprobs { get; } = [];
    public required string Text { get; init; }
}

/// <summary>`usage` of a response: input tokens (those served from the prefix cache counted apart) and output tokens.</summary>
public sealed record ResponseUsage
{
    public required int InputTokens { get; init; }
    public required ResponseInputTokensDetails InputTokensDetails { get; init; }
    public required int OutputTokens { get; init; }
    public ResponseOutputTokensDetails OutputTokensDetails { get; } = new();
    public int TotalTokens => InputTokens + OutputTokens;
}

/// <summary>`usage.input_tokens_details`.</summary>
public sealed record ResponseInputTokensDetails
{
    /// <summary>Input tokens whose KV came from the prefix cache (a follow-up's earlier turns).</summary>
    public required int CachedTokens { get; init; }

    /// <summary>Input tokens computed by this response, whose KV blocks the prefix cache then holds.</summary>
    public required int CacheWriteTokens { get; init; }
}

/// <summary>`usage.output_tokens_details`: the served models do not reason, so no output token is a reasoning token.</summary>
public sealed record ResponseOutputTokensDetails
{
    public int ReasoningTokens => 0;
}

/// <summary>`incomplete_details`: why the output stopped early.</summary>
public sealed record ResponseIncompleteDetails(string Reason);

/// <summary>`error` of a failed response.</summary>
public sealed record ResponseErrorDetails(string Code, string Message);

/// <summary>`reasoning`: none is done (requests that set any of it are refused).</summary>
public sealed record ResponseReasoning
{
    public string? Effort => null;
    public string? Summary => null;
}

/// <summary>`text`: the output format the request asked for (plain text unless it set one), at the default verbosity.</summary>
public sealed record ResponseTextConfig
{
    private static readonly System.Text.Json.JsonElement PlainText = System.Text.Json.JsonDocument.Parse("""{"type":"text"}""").RootElement.Clone();

    /// <summary>`text.format` echoed as sent: `{"type": "text"}`, `{"type": "json_object"}` or a `json_schema` format.</summary>
    public System.Text.Json.JsonElement Format { get; init; } = PlainText;

    public string Verbosity => "medium";

    /// <summary>The configuration of a response whose request set <paramref name="format"/> (JSON text), or plain text.</summary>
    public static ResponseTextConfig Of(string? format) =>
        format is null ? new() : new() { Format = System.Text.Json.JsonDocument.Parse(format).RootElement.Clone() };
}

/// <summary>The answer of `DELETE /v1/responses/{id}`.</summary>
public sealed record ResponseDeleted(string Id)
{
    public string Object => "response";
    public bool Deleted => true;
}
