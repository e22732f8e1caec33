using Platform.Engine.Tokenizers;

namespace Platform.Engine.Structured.Matching;

/// <summary>
/// Each vocabulary token's decoded bytes, computed once per model, and the byte trie over them. Special tokens and tokens
/// that decode to nothing are left out: a constrained output never contains them (stop tokens are handled apart).
/// </summary>
public sealed class TokenVocabulary
{
    private readonly byte[]?[] _bytes;
    private readonly byte[]?[]? _firstBytes;

    /// <summary>Builds the vocabulary from explicit token byte strings (null: never allowed); <paramref name="firstBytes"/> is the form a token takes as the output's first.</summary>
    public TokenVocabulary(IReadOnlyList<byte[]?> bytes, int size, IReadOnlyList<byte[]?>? firstBytes = null, int stripLeadingSpaces = 0)
    {
        if (size < bytes.Count)
            throw new ArgumentException($"vocabulary size {size} is smaller than the {bytes.Count} tokens given.");
        Size = size;
        _bytes = new byte[]?[size];
        for (var i = 0; i < bytes.Count; i++)
            _bytes[i] = bytes[i] is { Length: > 0 } b ? b : null;
        if (firstBytes is not null)
        {
            _firstBytes = new byte[]?[size];
            for (var i = 0; i < firstBytes.Count && i < bytes.Count; i++)
                _firstBytes[i] = _bytes[i] is null ? null : firstBytes[i];
        }
        StripLeadingSpaces = stripLeadingSpaces;
        Trie = new TokenTrie(_bytes);
    }

    /// <summary>Reads the bytes of every token of <paramref name="tokenizer"/>; the model's logits have <paramref name="modelVocabSize"/> entries.</summary>
    public static TokenVocabulary FromTokenizer(ITokenizer tokenizer, int modelVocabSize)
    {
        var count = Math.Min(tokenizer.VocabSize, modelVocabSize);
        var bytes = new byte[]?[count];
        var first = new byte[]?[count];
        var hasFirstForm = false;
        for (var id = 0; id < count; id++)
        {
            if (tokenizer.IsSpecial(id))
                continue;
            bytes[id] = tokenizer.GetTokenBytes(id).ToArray();
            first[id] = tokenizer.GetTokenBytes(id, first: true).ToArray();
            hasFirstForm |= !first[id].AsSpan().SequenceEqual(bytes[id]);
        }
        var strip = tokenizer.StripLeadingSpaces;
        return new TokenVocabulary(bytes, modelVocabSize, hasFirstForm ? first : null, strip);
    }

    /// <summary>Number of logits (the model's vocabulary, which may exceed the tokenizer's).</summary>
    public int Size { get; }

    /// <summary>Leading spaces dropped from a whole decoded output.</summary>
    public int StripLeadingSpaces { get; }

    /// <summary>Whether the first token of an output decodes differently from the same token later (SentencePiece's ▁).</summary>
    public bool HasFirstForm => _firstBytes is not null;

    /// <summary>The trie over every allowed token's bytes.</summary>
    public TokenTrie Trie { get; }

    /// <summary>Whether the token can ever appear in a constrained output.</summary>
    public bool IsUsable(int token) => (uint)token < (uint)Size && _bytes[token] is not null;

    /// <summary>The token's bytes in the middle of an output (empty for unusable tokens).</summary>
    public ReadOnlySpan<byte> Bytes(int token) => (uint)token < (uint)Size ? _bytes[token] : default;

    /// <summary>The token's bytes as it reads at the start of an output.</summary>
    public ReadOnlySpan<byte> FirstBytes(int token) => _firstBytes is { } f && (uint)token < (uint)Size ? f[token] : Bytes(token);
}
