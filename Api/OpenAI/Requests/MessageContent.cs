using System.Text.Json.Serialization;

namespace Platform.Api.OpenAI.Requests;

/// <summary>A message's content: a plain string, or an array of content parts.</summary>
[JsonConverter(typeof(MessageContentConverter))]
public sealed record MessageContent
{
    MessageContent(string? text, IReadOnlyList<ContentPart>? parts)
    {
        Text = text;
        Parts = parts;
    }

    /// <summary>The content when it was sent as a string.</summary>
    public string? Text { get; }

    /// <summary>The content when it was sent as an array of parts.</summary>
    public IReadOnlyList<ContentPart>? Parts { get; }

    public static MessageContent FromText(string text) => new(text, null);

    public static MessageContent FromParts(IReadOnlyList<ContentPart> parts) => new(null, parts);

    /// <summary>The whole text: the string, or the text parts joined in order (as chat templates see it).</summary>
    public string ToPlainText() => Text ?? string.Concat(Parts!.Select(p => p.Text));
}
