using Platform.Grains.Interfaces.Generation;

namespace Platform.Grains.Interfaces.Responses;

/// <summary>
/// What a follow-up continues: the conversation's messages (without the response's instructions), the token ids its
/// replica holds in KV cache (instructions included), the text those ids spell, and the key that routes it there.
/// </summary>
[GenerateSerializer, Alias("platform.ResponseConversation")]
public sealed record ResponseConversation(string Model, IReadOnlyList<ChatMessageData> Messages, IReadOnlyList<int> TokenIds,
    string CoveredText, string AffinityKey);
