namespace Platform.Grains.Interfaces.Generation;

/// <summary>One chat message as it crosses grains and is stored in sessions (text content; parts already joined).</summary>
/// <remarks>
/// Positional: Orleans numbers the parameters in order, so new ones go at the end (stored sessions stay readable).
/// An assistant turn that only called tools has empty <paramref name="Content"/> and its <paramref name="ToolCalls"/>;
/// a <c>tool</c> message names the call it answers in <paramref name="ToolCallId"/>.
/// </remarks>
[GenerateSerializer, Alias("platform.ChatMessage")]
public sealed record ChatMessageData(string Role, string Content, string? Name = null, IReadOnlyList<ToolCallData>? ToolCalls = null, string? ToolCallId = null)
{
    /// <summary>Records compare lists by reference; messages compare by their calls.</summary>
    public bool Equals(ChatMessageData? other) =>
        other is not null && Role == other.Role && Content == other.Content && Name == other.Name && ToolCallId == other.ToolCallId
        && (ToolCalls ?? []).SequenceEqual(other.ToolCalls ?? []);

    public override int GetHashCode() => HashCode.Combine(Role, Content, Name, ToolCallId, ToolCalls?.Count ?? 0);
}
