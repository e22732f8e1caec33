namespace Platform.Engine.ToolCalls;

/// <summary>One tool call read from a model's output: its id, the function's name and its arguments as JSON text.</summary>
public sealed record ParsedToolCall(string Id, string Name, string Arguments);

/// <summary>A whole output split into the text outside the calls (null when there is none) and the calls.</summary>
public sealed record ToolCallOutput(string? Content, IReadOnlyList<ParsedToolCall> Calls);

/// <summary>
/// One piece of a streamed tool call: the first of a call has its id and name (and the arguments read so far), later
/// ones only append to its arguments.
/// </summary>
public readonly record struct ToolCallDelta(int Index, string? Id, string? Name, string Arguments);
