using Platform.Grains.Interfaces.Generation;

namespace Platform.Grains.Interfaces.Sessions;

/// <summary>A stored conversation: its model, every message (assistant replies included), and the token ids of all of it.</summary>
[GenerateSerializer, Alias("platform.SessionTranscript")]
public sealed record SessionTranscript(string SessionId, string Model, IReadOnlyList<ChatMessageData> Messages, int TokenCount, int Turns,
    DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt);
