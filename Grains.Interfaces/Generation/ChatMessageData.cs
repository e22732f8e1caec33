namespace Platform.Grains.Interfaces.Generation;

/// <summary>One chat message as it crosses grains and is stored in sessions (text content; parts already joined).</summary>
[GenerateSerializer, Alias("platform.ChatMessage")]
public sealed record ChatMessageData(string Role, string Content, string? Name = null);
