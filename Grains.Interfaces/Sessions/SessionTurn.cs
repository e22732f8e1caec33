using Platform.Grains.Interfaces.Generation;

namespace Platform.Grains.Interfaces.Sessions;

/// <summary>
/// A session's next turn: the model, only the new messages, and the generation settings (as a job template); the
/// tenant comes from the session's key, the turn's `cache_salt` salts its prefix blocks.
/// </summary>
[GenerateSerializer, Alias("platform.SessionTurn")]
public sealed record SessionTurn(string RequestId, string Model, IReadOnlyList<ChatMessageData> NewMessages, int? MaxTokens,
    IReadOnlyList<string> Stop, SamplingSettings Sampling, string? CacheSalt = null);
