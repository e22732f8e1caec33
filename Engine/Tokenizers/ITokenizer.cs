namespace Platform.Engine.Tokenizers;

/// <summary>Converts text to a model's token ids and back.</summary>
public interface ITokenizer
{
    int VocabSize { get; }

    int? BosTokenId { get; }

    IReadOnlyList<int> EosTokenIds { get; }

    int[] Encode(string text, bool addSpecialTokens);

    string Decode(ReadOnlySpan<int> ids, bool skipSpecialTokens = false);

    IncrementalDecoder CreateIncrementalDecoder(bool skipSpecialTokens = true);

    string? IdToToken(int id);

    int? TokenToId(string token);

    bool IsSpecial(int id);

    /// <summary>The bytes token <paramref name="id"/> adds to decoded text; <paramref name="first"/>: as the first token of an output.</summary>
    ReadOnlySpan<byte> GetTokenBytes(int id, bool first = false);

    /// <summary>How many leading spaces of a whole decoded output are dropped (SentencePiece's prefix space; 0 for byte-level BPE).</summary>
    int StripLeadingSpaces { get; }
}
