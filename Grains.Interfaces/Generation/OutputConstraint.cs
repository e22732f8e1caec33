namespace Platform.Grains.Interfaces.Generation;

/// <summary>What a constrained output must be; the replica compiles it into a grammar over the model's vocabulary.</summary>
[GenerateSerializer, Alias("platform.OutputConstraintKind")]
public enum OutputConstraintKind
{
    /// <summary>Any JSON object.</summary>
    JsonObject,

    /// <summary>A JSON text valid against <see cref="OutputConstraint.Schema"/>.</summary>
    JsonSchema,

    /// <summary>Text fully matching <see cref="OutputConstraint.Pattern"/>.</summary>
    Regex,

    /// <summary>Exactly one of <see cref="OutputConstraint.Choices"/>.</summary>
    Choice,
}

/// <summary>
/// A generation's output constraint (response_format, vLLM's structured_outputs; tool calls pass their arguments' schema
/// the same way). Refusals of what cannot be enforced name <see cref="Param"/>.
/// </summary>
[GenerateSerializer, Alias("platform.OutputConstraint")]
public sealed record OutputConstraint
{
    [Id(0)]
    public required OutputConstraintKind Kind { get; init; }

    /// <summary>The JSON schema's text, for <see cref="OutputConstraintKind.JsonSchema"/>.</summary>
    [Id(1)]
    public string? Schema { get; init; }

    /// <summary>OpenAI's strict flag: objects without additionalProperties are closed.</summary>
    [Id(2)]
    public bool Strict { get; init; }

    /// <summary>The regular expression, for <see cref="OutputConstraintKind.Regex"/>.</summary>
    [Id(3)]
    public string? Pattern { get; init; }

    /// <summary>The allowed outputs, for <see cref="OutputConstraintKind.Choice"/>.</summary>
    [Id(4)]
    public IReadOnlyList<string>? Choices { get; init; }

    /// <summary>The request field a refusal points at, e.g. `response_format.json_schema.schema`.</summary>
    [Id(5)]
    public string Param { get; init; } = "response_format";
}
