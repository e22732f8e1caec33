namespace Platform.Grains.Interfaces.Generation;

/// <summary>A tool call of an earlier assistant turn, as the client sent it back: id, function name, arguments (JSON text).</summary>
[GenerateSerializer, Alias("platform.ToolCall")]
public sealed record ToolCallData(string Id, string Name, string Arguments);
