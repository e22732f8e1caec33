namespace Platform.Grains.Interfaces.Generation;

/// <summary>
/// A piece of a tool call read from the output: the first of a call has its id and function name, later ones append
/// to its arguments (JSON text), in OpenAI's streamed <c>tool_calls</c> shape.
/// </summary>
[GenerateSerializer, Alias("platform.ToolCallChunk")]
public sealed record ToolCallChunk(int Index, string? Id, string? Name, string Arguments);
