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
}
