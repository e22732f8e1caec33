using Platform.Engine.Tokenizers.Decoding;
using Platform.Engine.Tokenizers.Models;
using Platform.Engine.Tokenizers.Normalization;
using Platform.Engine.Tokenizers.PreTokenization;
using Platform.Engine.Tokenizers.Processing;

namespace Platform.Engine.Tokenizers;

/// <summary>Everything a <see cref="Tokenizer"/> is assembled from, as read from a tokenizer.json or a GGUF vocabulary.</summary>
internal sealed record TokenizerDefinition
{
    /// <summary>Token text per id (the model vocabulary overlaid with added tokens); null for unused ids.</summary>
    public required string?[] Tokens { get; init; }

    public required Dictionary<string, int> TokenIds { get; init; }

    public required IReadOnlyList<AddedToken> AddedTokens { get; init; }

    public INormalizer? Normalizer { get; init; }

    public IPreTokenizer? PreTokenizer { get; init; }

    public required BpeModel Model { get; init; }

    public PostProcessor PostProcessor { get; init; } = PostProcessor.None;

    public required TokenDecoder Decoder { get; init; }

    public int? BosTokenId { get; init; }

    public IReadOnlyList<int> EosTokenIds { get; init; } = [];
}
