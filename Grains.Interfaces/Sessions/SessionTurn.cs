using Platform.Grains.Interfaces.Generation;

namespace Platform.Grains.Interfaces.Sessions;

/// <summary>
/// A session's next turn: the model, only the new messages, and the generation settings (as a job template); the
/// tenant comes from the session's key, the turn's `cache_salt` salts its prefix blocks.
/// </summary>
[GenerateSerializer, Alias("platform.SessionTurn")]
public sealed record SessionTurn(string RequestId, string Model, IReadOnlyList<ChatMessageData> NewMessages, int? MaxTokens,
    IReadOnlyList<string> Stop, SamplingSettings Sampling)
{
    /// <summary>Token ids that end the turn like EOS does (vLLM's stop_token_ids).</summary>
    [Id(10)]
    public IReadOnlyList<int> StopTokenIds { get; init; } = [];

    /// <summary>vLLM's ignore_eos: generate past EOS up to max_tokens (or the context).</summary>
    [Id(11)]
    public bool IgnoreEos { get; init; }

    /// <summary>The turn's `cache_salt`: only requests with the same salt (within the tenant) share its cached prefix blocks.</summary>
    [Id(12)]
    public string? CacheSalt { get; init; }
}
