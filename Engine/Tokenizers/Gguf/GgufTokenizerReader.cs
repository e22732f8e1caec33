using System.Text;
using Platform.Engine.Formats;
using Platform.Engine.Formats.Gguf;
using Platform.Engine.Tokenizers.Decoding;
using Platform.Engine.Tokenizers.Models;
using Platform.Engine.Tokenizers.Normalization;
using Platform.Engine.Tokenizers.PreTokenization;
using Platform.Engine.Tokenizers.Processing;

namespace Platform.Engine.Tokenizers.Gguf;

/// <summary>Reads the vocabulary embedded in a GGUF file: `llama` (SentencePiece scores) or `gpt2` (byte-level BPE merges).</summary>
internal static class GgufTokenizerReader
{
    private const char Metaspace = '\u2581';

    public static TokenizerDefinition Read(string path)
    {
        using var file = GgufFile.Open(path);
        var m = file.Metadata;
        var kind = m.TryGetString("tokenizer.ggml.model")
            ?? throw new ModelFormatException($"{path}: the GGUF file has no tokenizer (no tokenizer.ggml.model).");
        var tokens = m.GetStringArray("tokenizer.ggml.tokens");
        var types = m.TryGetIntArray("tokenizer.ggml.token_type") ?? Enumerable.Repeat((int)GgufTokenType.Normal, tokens.Length).ToArray();
        if (types.Length != tokens.Length)
            throw new ModelFormatException($"{path}: tokenizer.ggml.token_type has {types.Length} entries for {tokens.Length} tokens.");

        var vocab = new Dictionary<string, int>(tokens.Length, StringComparer.Ordinal);
        for (var id = 0; id < tokens.Length; id++)
            vocab[tokens[id]] = id; // llama.cpp resolves duplicate spellings to the last id
        var vocabulary = new GgufVocabulary(path, m, tokens, types, vocab);
        return kind switch
        {
            "llama" => SentencePiece(vocabulary),
            "gpt2" => ByteLevel(vocabulary),
            _ => throw new ModelFormatException($"{path}: GGUF tokenizer model '{kind}' is not supported (supported: llama, gpt2)."),
        };
    }

    private static TokenizerDefinition SentencePiece(GgufVocabulary v)
    {
        var scores = v.Metadata.TryGetFloatArray("tokenizer.ggml.scores")
            ?? throw new ModelFormatException($"{v.Path}: a 'llama' GGUF vocabulary needs tokenizer.ggml.scores.");
        if (scores.Length != v.Tokens.Length)
            throw new ModelFormatException($"{v.Path}: tokenizer.ggml.scores has {scores.Length} entries for {v.Tokens.Length} tokens.");
        var addSpacePrefix = v.Metadata.TryGetBool("tokenizer.ggml.add_space_prefix") ?? true;
        INormalizer replace = ReplaceNormalizer.Literal(" ", Metaspace.ToString());
        var normalizer = addSpacePrefix ? new SequenceNormalizer([new PrependNormalizer(Metaspace.ToString()), replace]) : replace;
        var unk = v.Id("tokenizer.ggml.unknown_token_id");
        var model = new BpeModel(v.Vocab, MergeTable.FromScores(v.Tokens, scores, v.Vocab), new BpeOptions(unk, false, true, false));

        var pieces = new byte[v.Tokens.Length][];
        for (var id = 0; id < pieces.Length; id++)
        {
            var text = v.Tokens[id];
            pieces[id] = v.Types[id] switch
            {
                (int)GgufTokenType.Byte when ByteTokens.TryParse(text, out var b) => [b],
                (int)GgufTokenType.Normal or (int)GgufTokenType.Unknown => Encoding.UTF8.GetBytes(text.Replace(Metaspace, ' ')),
                _ => Encoding.UTF8.GetBytes(text),
            };
        }
        return v.Definition(normalizer, null, model, pieces, addSpacePrefix ? 1 : 0, addBosDefault: true);
    }

    private static TokenizerDefinition ByteLevel(GgufVocabulary v)
    {
        var mergeLines = v.Metadata.TryGetStringArray("tokenizer.ggml.merges")
            ?? throw new ModelFormatException($"{v.Path}: a 'gpt2' GGUF vocabulary needs tokenizer.ggml.merges.");
        var merges = new List<(string, string)>(mergeLines.Length);
        foreach (var line in mergeLines)
        {
            var space = line.IndexOf(' ', 1);
            if (space < 0)
                throw new ModelFormatException($"{v.Path}: merge '{line}' is not two tokens separated by a space.");
            merges.Add((line[..space], line[(space + 1)..]));
        }
        var pre = v.Metadata.TryGetString("tokenizer.ggml.pre") ?? "default";
        var (pattern, ignoreMerges) = pre switch
        {
            "gpt-2" or "gpt2" => (SplitPatterns.Gpt2, false),
            "llama-bpe" or "llama3" or "llama-v3" => (SplitPatterns.Llama3, true),
            "default" => (SplitPatterns.Llama3, false), // llama.cpp's fallback for byte-level vocabularies that name no pre-tokenizer
            "qwen2" or "deepseek-r1-qwen" => (SplitPatterns.Qwen2, false),
            _ => throw new ModelFormatException($"{v.Path}: GGUF pre-tokenizer '{pre}' is not supported (supported: default, gpt-2, llama-bpe, qwen2)."),
        };
        var splitter = new PatternSplitter(SplitPatterns.Compile(pattern), SplitBehavior.Isolated, false);
        var model = new BpeModel(v.Vocab, MergeTable.FromRanks(merges, v.Vocab, v.Path), new BpeOptions(v.Id("tokenizer.ggml.unknown_token_id"), false, false, ignoreMerges));

        var pieces = new byte[v.Tokens.Length][];
        for (var id = 0; id < pieces.Length; id++)
            pieces[id] = (v.Types[id] == (int)GgufTokenType.Normal ? ByteLevelAlphabet.TryDecode(v.Tokens[id]) : null) ?? Encoding.UTF8.GetBytes(v.Tokens[id]);
        return v.Definition(null, new ByteLevelPreTokenizer(false, splitter), model, pieces, 0, addBosDefault: false);
    }
}
