namespace Platform.Engine.Structured;

/// <summary>What shape a constrained output must have.</summary>
public enum OutputFormatKind
{
    /// <summary>Any JSON object (OpenAI's json_object).</summary>
    JsonObject,

    /// <summary>A JSON text valid against <see cref="OutputFormat.Schema"/> (OpenAI's json_schema).</summary>
    JsonSchema,

    /// <summary>Text fully matching <see cref="OutputFormat.Pattern"/> (vLLM's structured_outputs.regex).</summary>
    Regex,

    /// <summary>Exactly one of <see cref="OutputFormat.Choices"/> (vLLM's structured_outputs.choice).</summary>
    Choice,
}

/// <summary>A request's output constraint, before it is compiled against a model's vocabulary.</summary>
public sealed record OutputFormat
{
    /// <summary>The kind of constraint.</summary>
    public required OutputFormatKind Kind { get; init; }

    /// <summary>The JSON schema's text (<see cref="OutputFormatKind.JsonSchema"/>).</summary>
    public string? Schema { get; init; }

    /// <summary>OpenAI's strict flag: objects without additionalProperties are closed.</summary>
    public bool Strict { get; init; }

    /// <summary>The regular expression (<see cref="OutputFormatKind.Regex"/>).</summary>
    public string? Pattern { get; init; }

    /// <summary>The allowed outputs (<see cref="OutputFormatKind.Choice"/>).</summary>
    public IReadOnlyList<string>? Choices { get; init; }

    /// <summary>A key equal for equal formats (the compiled-grammar cache key).</summary>
    public string CacheKey => Kind switch
    {
        OutputFormatKind.JsonSchema => $"schema:{(Strict ? 1 : 0)}:{Schema}",
        OutputFormatKind.Regex => $"regex:{Pattern}",
        OutputFormatKind.Choice => "choice:" + string.Join("\u0000", Choices ?? []),
        _ => "object",
    };
}
