using Platform.Grains.Interfaces.Generation;

namespace Platform.Grains.Sessions;

/// <summary>A session's stored conversation: messages, the token ids the engine computed for them, and the text those ids spell.</summary>
[GenerateSerializer, Alias("platform.SessionState")]
public sealed class SessionState
{
    [Id(0)]
    public string? Model { get; set; }

    [Id(1)]
    public List<ChatMessageData> Messages { get; set; } = [];

    /// <summary>Prompt ids of the last turn followed by its reply's ids: exactly what sits in the replica's KV blocks.</summary>
    [Id(2)]
    public List<int> TokenIds { get; set; } = [];

    /// <summary>The rendered text <see cref="TokenIds"/> encode, so the next turn can append only the template's new text.</summary>
    [Id(3)]
    public string CoveredText { get; set; } = "";

    [Id(4)]
    public int Turns { get; set; }

    [Id(5)]
    public DateTimeOffset CreatedAt { get; set; }

    [Id(6)]
    public DateTimeOffset UpdatedAt { get; set; }
}
