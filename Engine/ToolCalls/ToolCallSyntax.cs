namespace Platform.Engine.ToolCalls;

/// <summary>
/// The markers and keys of one tool-call format: what opens a call section, what may close it, how several calls are
/// joined, and which key holds the arguments. Both parsers (whole output and streaming) read calls through this.
/// </summary>
internal sealed record ToolCallSyntax(
    string StartMarker,
    string? EndMarker,
    bool CallsInArray,
    char? Separator,
    bool BareObjectAtStart,
    string[] ArgumentKeys)
{
    /// <summary>The syntax of <paramref name="format"/>.</summary>
    public static ToolCallSyntax Of(ToolCallFormat format) => format switch
    {
        // Meta's docs: JSON tool calls are the whole reply, or follow <|python_tag|>; vLLM also reads "arguments".
        ToolCallFormat.Llama3Json => new("<|python_tag|>", null, false, ';', true, ["parameters", "arguments"]),
        ToolCallFormat.Hermes => new("<tool_call>", "</tool_call>", false, null, false, ["arguments"]),
        ToolCallFormat.Mistral => new("[TOOL_CALLS]", null, true, null, false, ["arguments"]),
        _ => throw new ArgumentOutOfRangeException(nameof(format)),
    };

    /// <summary>
    /// What <c>tool_choice: required</c> constrains the output to, whatever the model's own format:
    /// <c>[{"name": ..., "parameters": {...}}, ...]</c> and nothing else (no marker ever opens a section).
    /// </summary>
    public static ToolCallSyntax RequiredArray { get; } = new("\uFFFF\uFFFF", null, true, null, true, ["parameters"]);

    /// <summary>Whether <paramref name="key"/> holds the call's arguments.</summary>
    public bool IsArgumentKey(string key) => Array.IndexOf(ArgumentKeys, key) >= 0;
}
