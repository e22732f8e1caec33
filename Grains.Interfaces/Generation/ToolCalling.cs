namespace Platform.Grains.Interfaces.Generation;

/// <summary>A chat job's tools: what the template renders, and whether and how calls are read out of the output.</summary>
[GenerateSerializer, Alias("platform.ToolCalling")]
public sealed record ToolCalling
{
    /// <summary>The request's <c>tools</c> array (OpenAI's function tool objects) as JSON text, given to the chat template as <c>tools</c>.</summary>
    [Id(0)]
    public required string ToolsJson { get; init; }

    /// <summary>Read tool calls out of the output (false for <c>tool_choice: none</c>: the tools are shown, never parsed).</summary>
    [Id(1)]
    public bool Parse { get; init; } = true;

    /// <summary>False for <c>parallel_tool_calls: false</c>: only the first call is reported.</summary>
    [Id(2)]
    public bool Parallel { get; init; } = true;

    /// <summary>The client streams: calls go out as deltas while generated; otherwise the whole output is parsed once, strictly, at the end.</summary>
    [Id(3)]
    public bool Streamed { get; init; }

    /// <summary><c>tool_choice: required</c>: the output is constrained to a JSON array of <c>{"name", "parameters"}</c> calls.</summary>
    [Id(4)]
    public bool Required { get; init; }

    /// <summary>A named <c>tool_choice</c>: the output is constrained to this function's arguments object, and is its one call.</summary>
    [Id(5)]
    public string? NamedFunction { get; init; }
}
