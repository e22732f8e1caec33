using Platform.Grains.Interfaces.Generation;

namespace Platform.Grains.Sessions;

/// <summary>A session's stored conversation: messages, the token ids the engine computed for them, and the text those ids spell.</summary>
public sealed class SessionState
{
    public string? Model { get; set; }

    public List<ChatMessageData> Messages { get; set; } = [];

    /// <summary>Prompt ids of the last turn followed by its reply's ids: exactly what sits in the replica's KV blocks.</summary>
    public List<int> TokenIds { get; set; } = [];

    /// <summary>The rendered text <see cref="TokenIds"/> encode, so the next turn can append only the template's new text.</summary>
    public string CoveredText { get; set; } = "";

    public int Turns { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }
}
