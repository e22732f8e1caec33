using Platform.Grains.Interfaces.Responses;
using Platform.Grains.Sessions;

namespace Platform.Grains.Responses;

/// <summary>A stored response: the object GET returns, the conversation it ends, and the key that routes its follow-ups.</summary>
[GenerateSerializer, Alias("platform.ResponseState")]
public sealed class ResponseState
{
    [Id(0)]
    public StoredResponse? Response { get; set; }

    /// <summary>Messages without this response's instructions; token ids and covered text as the replica computed them (instructions included).</summary>
    [Id(1)]
    public SessionState Conversation { get; set; } = new();

    [Id(2)]
    public string AffinityKey { get; set; } = "";
}
