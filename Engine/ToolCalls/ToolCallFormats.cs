namespace Platform.Engine.ToolCalls;

/// <summary>The parser names of <c>--tool-call-parser</c> (vLLM's spelling), and the format a chat template implies.</summary>
public static class ToolCallFormats
{
    /// <summary>Every parser name, in the order they are listed to users.</summary>
    public static IReadOnlyList<string> Names { get; } = ["llama3_json", "hermes", "mistral"];

    /// <summary>The format named <paramref name="name"/>, or null when there is none by that name.</summary>
    public static ToolCallFormat? Parse(string name) => name switch
    {
        "llama3_json" => ToolCallFormat.Llama3Json,
        "hermes" => ToolCallFormat.Hermes,
        "mistral" => ToolCallFormat.Mistral,
        _ => null,
    };

    /// <summary>The parser name of <paramref name="format"/>.</summary>
    public static string Name(ToolCallFormat format) => format switch
    {
        ToolCallFormat.Llama3Json => "llama3_json",
        ToolCallFormat.Hermes => "hermes",
        ToolCallFormat.Mistral => "mistral",
        _ => throw new ArgumentOutOfRangeException(nameof(format)),
    };

    /// <summary>
    /// The format a chat template teaches its model, from the markers it writes for tool calls; null when it shows none.
    /// Hermes is tried first: Hermes templates for Llama 3 models also carry Llama's header tokens.
    /// </summary>
    public static ToolCallFormat? Detect(string templateSource)
    {
        ArgumentNullException.ThrowIfNull(templateSource);
        if (templateSource.Contains("<tool_call>", StringComparison.Ordinal))
            return ToolCallFormat.Hermes;
        if (templateSource.Contains("[TOOL_CALLS]", StringComparison.Ordinal))
            return ToolCallFormat.Mistral;
        if (templateSource.Contains("<|python_tag|>", StringComparison.Ordinal)
            || (templateSource.Contains("<|start_header_id|>", StringComparison.Ordinal) && templateSource.Contains("\"parameters\"", StringComparison.Ordinal)))
            return ToolCallFormat.Llama3Json;
        return null;
    }
}
