using System.Text.Json.Serialization;

namespace Platform.Api.OpenAI.Requests;

/// <summary>`prompt`: a string, an array of strings, an array of token ids, or an array of such arrays; each entry is one prompt.</summary>
[JsonConverter(typeof(CompletionPromptConverter))]
public sealed record CompletionPrompt
{
    CompletionPrompt(IReadOnlyList<string>? texts, IReadOnlyList<int[]>? tokenIds)
    {
        Texts = texts;
        TokenIds = tokenIds;
    }

    /// <summary>The prompts when given as text.</summary>
    public IReadOnlyList<string>? Texts { get; }

    /// <summary>The prompts when given as token ids.</summary>
    public IReadOnlyList<int[]>? TokenIds { get; }

    /// <summary>How many prompts the request holds.</summary>
    public int Count => Texts?.Count ?? TokenIds!.Count;

    public static CompletionPrompt FromTexts(IReadOnlyList<string> texts) => new(texts, null);

    public static CompletionPrompt FromTokenIds(IReadOnlyList<int[]> tokenIds) => new(null, tokenIds);
}
