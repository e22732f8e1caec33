using System.Text.Json;
using System.Text.Json.Serialization;

namespace Platform.Api.OpenAI.Responses;

/// <summary>`response.created`, `response.in_progress`, `response.completed`, `response.incomplete`, `response.failed`: the response as it stands.</summary>
public sealed record ResponseLifecycleEvent(string Type, int SequenceNumber, ResponseObject Response);

/// <summary>`response.output_item.added` and `response.output_item.done`.</summary>
public sealed record ResponseOutputItemEvent(string Type, int SequenceNumber, int OutputIndex, ResponseOutputMessage Item);

/// <summary>`response.content_part.added` and `response.content_part.done`.</summary>
public sealed record ResponseContentPartEvent(string Type, int SequenceNumber, string ItemId, int OutputIndex, int ContentIndex, ResponseOutputText Part);

/// <summary>`response.output_text.delta`: the next piece of text, padded by `obfuscation` unless the client turned it off.</summary>
public sealed record ResponseTextDeltaEvent(int SequenceNumber, string ItemId, int OutputIndex, int ContentIndex, string Delta,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Obfuscation)
{
    [JsonPropertyOrder(-1)]
    public string Type => "response.output_text.delta";
    public IReadOnlyList<JsonElement> Logprobs { get; } = [];
}

/// <summary>`response.output_text.done`: the whole text.</summary>
public sealed record ResponseTextDoneEvent(int SequenceNumber, string ItemId, int OutputIndex, int ContentIndex, string Text)
{
    [JsonPropertyOrder(-1)]
    public string Type => "response.output_text.done";
    public IReadOnlyList<JsonElement> Logprobs { get; } = [];
}

/// <summary>`error`: the response failed after the stream began.</summary>
public sealed record ResponseErrorEvent(int SequenceNumber, string? Code, string Message, string? Param)
{
    [JsonPropertyOrder(-1)]
    public string Type => "error";
}
