namespace Platform.Engine.ToolCalls;

/// <summary>What one piece of streamed output became: content text to show, and tool-call deltas (both may be empty).</summary>
public readonly record struct ToolCallStep(string Content, IReadOnlyList<ToolCallDelta> Calls)
{
    public static ToolCallStep Empty { get; } = new("", []);
}
