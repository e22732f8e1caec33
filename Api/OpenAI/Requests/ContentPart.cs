namespace Platform.Api.OpenAI.Requests;

/// <summary>One part of an array-valued message content; only `text` parts are supported.</summary>
public sealed record ContentPart
{
    public string? Type { get; init; }
    public string? Text { get; init; }
}
