using Platform.Engine.Tokenizers.PreTokenization;
using Platform.Engine.Tokenizers.Processing;

namespace Platform.Engine.Tokenizers;

/// <summary>A BPE tokenizer: added-token split → normalizer → pre-tokenizer → BPE per word → post-processor; decoding via precomputed token bytes.</summary>
internal sealed class Tokenizer : ITokenizer
{
    private readonly TokenizerDefinition _d;
    private readonly AddedTokenMatcher _rawMatcher;
    private readonly AddedTokenMatcher _normalizedMatcher;

    [ThreadStatic] private static List<PreToken>? _words;

    public Tokenizer(TokenizerDefinition definition)
    {
        _d = definition;
        _rawMatcher = new AddedTokenMatcher(definition.AddedTokens.Where(t => !t.Normalized).Select(t => (t.Content, t)));
        _normalizedMatcher = new AddedTokenMatcher(definition.AddedTokens.Where(t => t.Normalized)
            .Select(t => (definition.Normalizer?.Normalize(t.Content) ?? t.Content, t)));
    }

    public int VocabSize => _d.Tokens.Length;

    public int? BosTokenId => _d.BosTokenId;

    public IReadOnlyList<int> EosTokenIds => _d.EosTokenIds;

    public int[] Encode(string text, bool addSpecialTokens)
    {
        ArgumentNullException.ThrowIfNull(text);
        var ids = new List<int>(text.Length / 3 + 4);
        if (addSpecialTokens) ids.AddRange(_d.PostProcessor.Prefix);
        var segments = new List<AddedTokenMatcher.Segment>();
        _rawMatcher.Split(text, segments);
        foreach (var segment in segments)
        {
            if (segment.TokenId >= 0)
                ids.Add(segment.TokenId);
            else
                EncodePlain(text.Substring(segment.Start, segment.Length), segment.Start == 0, ids);
        }
        if (addSpecialTokens) ids.AddRange(_d.PostProcessor.Suffix);
        return ids.ToArray();
    }

    private void EncodePlain(string text, bool atStart, List<int> ids)
    {
        var normalized = _d.Normalizer?.Normalize(text) ?? text;
        if (_normalizedMatcher.IsEmpty)
        {
            EncodeWords(new PreToken(normalized, atStart), ids);
            return;
        }
        var segments = new List<AddedTokenMatcher.Segment>();
        _normalizedMatcher.Split(normalized, segments);
        foreach (var segment in segments)
        {
            if (segment.TokenId >= 0)
                ids.Add(segment.TokenId);
            else
                EncodeWords(new PreToken(normalized.Substring(segment.Start, segment.Length), atStart && segment.Start == 0), ids);
        }
    }

    private void EncodeWords(PreToken piece, List<int> ids)
    {
        if (_d.PreTokenizer is null)
        {
            _d.Model.Tokenize(piece.Text, ids);
            return;
        }
        var words = _words ??= [];
        words.Clear();
        _d.PreTokenizer.Split(piece, words);
        foreach (var word in words)
            _d.Model.Tokenize(word.Text, ids);
        // Neither the input's words nor a huge input's list capacity may stay pinned to this thread.
        words.Clear();
        if (words.Capacity > RetainedWords)
            _words = null;
    }

    private const int RetainedWords = 4096;

    /// <summary>The word-list capacity this thread holds on to (for tests of its retention).</summary>
    internal static int RetainedWordCapacity => _words?.Capacity ?? 0;

    public string Decode(ReadOnlySpan<int> ids, bool skipSpecialTokens = false)
    {
        var decoder = new IncrementalDecoder(_d.Decoder, skipSpecialTokens);
        var text = new System.Text.StringBuilder();
        foreach (var id in ids)
            text.Append(decoder.Append(id));
        text.Append(decoder.Flush());
        return text.ToString();
    }

    public IncrementalDecoder CreateIncrementalDecoder(bool skipSpecialTokens = true) => new(_d.Decoder, skipSpecialTokens);

    public string? IdToToken(int id) => (uint)id < (uint)_d.Tokens.Length ? _d.Tokens[id] : null;

    public int? TokenToId(string token) => _d.TokenIds.TryGetValue(token, out var id) ? id : null;

    public bool IsSpecial(int id) => _d.Decoder.IsSpecial(id);

    public ReadOnlySpan<byte> GetTokenBytes(int id, bool first = false) => _d.Decoder.GetBytes(id, first);

    public int StripLeadingSpaces => _d.Decoder.StripLeadingSpaces;
}
