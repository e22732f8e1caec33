using System.Text.Json.Serialization;

namespace Platform.Api.OpenAI.Responses;

/// <summary>A tool call in a non-streamed assistant message: id, type and the function with its arguments (JSON text).</summary>
public sealed record ToolCallResponse
{
    public required string Id { get; init; }
    public string Type => "function";
    public required FunctionCallResponse Function { get; init; }
}

/// <summary>The function a tool call names, with its arguments as a JSON string.</summary>
public sealed record FunctionCallResponse
{
    public required string Name { get; init; }
    public required string Arguments { get; init; }
}

/// <summary>A streamed piece of a tool call: the first of a call has id, type and name; later ones only argument text.</summary>
public sealed record ToolCallDeltaResponse
{
    public required int Index { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Id { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Type { get; init; }

    public required FunctionCallDelta Function { get; init; }
}

/// <summary>The function part of a streamed tool-call piece.</summary>
public sealed record FunctionCallDelta
{
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Name { get; init; }

    public required string Arguments { get; init; }
}
