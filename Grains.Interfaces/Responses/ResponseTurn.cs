using Platform.Grains.Interfaces.Generation;

namespace Platform.Grains.Interfaces.Responses;

/// <summary>A response to generate: its identity, what it continues, its new input, and the settings it echoes.</summary>
[GenerateSerializer, Alias("platform.ResponseTurn")]
public sealed record ResponseTurn
{
    [Id(0)] public required string ResponseId { get; init; }
    [Id(1)] public required string Tenant { get; init; }
    [Id(2)] public required string Model { get; init; }

    /// <summary>The `msg_…` id of the assistant message it produces.</summary>
    [Id(3)] public required string MessageId { get; init; }

    /// <summary>Unix seconds the response was created at.</summary>
    [Id(4)] public required long CreatedAt { get; init; }

    /// <summary>The stored response whose conversation this one continues, or null for a new conversation.</summary>
    [Id(5)] public string? PreviousResponseId { get; init; }

    /// <summary>A system message put first for this response only: a follow-up does not inherit it.</summary>
    [Id(6)] public string? Instructions { get; init; }

    /// <summary>Only the new input messages (with a previous response, the conversation so far comes from it).</summary>
    [Id(7)] public required IReadOnlyList<ChatMessageData> Input { get; init; }

    [Id(8)] public int? MaxOutputTokens { get; init; }
    [Id(9)] public required SamplingSettings Sampling { get; init; }

    /// <summary>Whether the response is kept for GET and for follow-ups.</summary>
    [Id(10)] public bool Store { get; init; } = true;

    /// <summary>`truncation: auto`: drop the oldest turns when the conversation outgrows the context instead of refusing.</summary>
    [Id(11)] public bool TruncateOldest { get; init; }

    /// <summary>The routing key the client asked for (`prompt_cache_key`), or null to use the conversation's.</summary>
    [Id(12)] public string? AffinityKey { get; init; }

    /// <summary>The request settings the response object echoes.</summary>
    [Id(13)] public required ResponseSettings Settings { get; init; }

    /// <summary>What `text.format` asks the output to be (a JSON object or one valid against a schema), or null for free text.</summary>
    [Id(14)] public OutputConstraint? OutputConstraint { get; init; }
}
