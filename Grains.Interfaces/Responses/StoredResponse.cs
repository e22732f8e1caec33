using Platform.Grains.Interfaces.Generation;

namespace Platform.Grains.Interfaces.Responses;

/// <summary>A finished response as the API reports it and GET returns it: the turn's identity and settings, its output text and usage.</summary>
[GenerateSerializer, Alias("platform.StoredResponse")]
public sealed record StoredResponse
{
    /// <summary>`completed`, or `incomplete` when the output hit max_output_tokens.</summary>
    public const string Completed = "completed";

    public const string Incomplete = "incomplete";

    [Id(0)] public required string Id { get; init; }
    [Id(1)] public required string Model { get; init; }
    [Id(2)] public required long CreatedAt { get; init; }
    [Id(3)] public required long CompletedAt { get; init; }
    [Id(4)] public required string Status { get; init; }
    [Id(5)] public required string MessageId { get; init; }
    [Id(6)] public required string OutputText { get; init; }
    [Id(7)] public required TokenUsage Usage { get; init; }
    [Id(8)] public string? PreviousResponseId { get; init; }
    [Id(9)] public string? Instructions { get; init; }
    [Id(10)] public required bool Store { get; init; }
    [Id(11)] public required ResponseSettings Settings { get; init; }

    /// <summary>The response <paramref name="turn"/> produced: its text, why it ended ("stop" or "length") and its usage.</summary>
    public static StoredResponse Finish(ResponseTurn turn, string text, string finishReason, TokenUsage usage, DateTimeOffset now) => new()
    {
        Id = turn.ResponseId,
        Model = turn.Model,
        CreatedAt = turn.CreatedAt,
        CompletedAt = now.ToUnixTimeSeconds(),
        Status = finishReason == "length" ? Incomplete : Completed,
        MessageId = turn.MessageId,
        OutputText = text,
        Usage = usage,
        PreviousResponseId = turn.PreviousResponseId,
        Instructions = turn.Instructions,
        Store = turn.Store,
        Settings = turn.Settings,
    };
}
