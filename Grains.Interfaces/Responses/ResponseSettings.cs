namespace Platform.Grains.Interfaces.Responses;

/// <summary>The request settings a response object echoes back (and a stored one keeps), as the client set them.</summary>
[GenerateSerializer, Alias("platform.ResponseSettings")]
public sealed record ResponseSettings
{
    [Id(0)] public double Temperature { get; init; } = 1;
    [Id(1)] public double TopP { get; init; } = 1;
    [Id(2)] public int? MaxOutputTokens { get; init; }
    [Id(3)] public Dictionary<string, string> Metadata { get; init; } = [];
    [Id(4)] public string? User { get; init; }
    [Id(5)] public string? SafetyIdentifier { get; init; }
    [Id(6)] public string? PromptCacheKey { get; init; }
    [Id(7)] public string Truncation { get; init; } = "disabled";
    [Id(8)] public bool ParallelToolCalls { get; init; } = true;
    [Id(9)] public string ToolChoice { get; init; } = "auto";
    [Id(10)] public int? MaxToolCalls { get; init; }
    [Id(11)] public string ServiceTier { get; init; } = "default";
    [Id(12)] public int TopLogprobs { get; init; }
    [Id(13)] public string? PromptCacheRetention { get; init; }

    /// <summary>`text.format` as the client sent it (JSON), or null for plain text.</summary>
    [Id(14)] public string? TextFormat { get; init; }
}
