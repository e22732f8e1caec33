using Platform.Engine.Formats;
using Platform.Engine.Formats.Gguf;
using Platform.Engine.Tokenizers.Decoding;
using Platform.Engine.Tokenizers.Models;
using Platform.Engine.Tokenizers.Normalization;
using Platform.Engine.Tokenizers.PreTokenization;
using Platform.Engine.Tokenizers.Processing;

namespace Platform.Engine.Tokenizers.Gguf;

/// <summary>The parts every GGUF vocabulary shares: tokens, types, special ids, and the added/special-token rules.</summary>
internal sealed record GgufVocabulary(string Path, GgufMetadata Metadata, string[] Tokens, int[] Types, Dictionary<string, int> Vocab)
{
    public int? Id(string key)
    {
        if (Metadata.TryGetInt(key) is not { } id)
            return null;
        if (id < 0 || id >= Tokens.Length)
            throw new ModelFormatException($"{Path}: {key} = {id} is outside the vocabulary of {Tokens.Length} tokens.");
        return (int)id;
    }

    public TokenizerDefinition Definition(INormalizer? normalizer, IPreTokenizer? preTokenizer, BpeModel model, byte[][] pieces, int stripLeadingSpaces, bool addBosDefault)
    {
        var special = new bool[Tokens.Length];
        var added = new List<AddedToken>();
        var rstrip = RStripRule();
        for (var id = 0; id < Tokens.Length; id++)
        {
            var type = (GgufTokenType)Types[id];
            special[id] = type is GgufTokenType.Control or GgufTokenType.Unknown;
            if (type is GgufTokenType.Control or GgufTokenType.UserDefined)
                added.Add(new AddedToken(id, Tokens[id], false, rstrip(id, type), false, false, type == GgufTokenType.Control));
        }

        var bos = Id("tokenizer.ggml.bos_token_id");
        var eos = new List<int>();
        foreach (var key in new[] { "tokenizer.ggml.eos_token_id", "tokenizer.ggml.eot_token_id", "tokenizer.ggml.eom_token_id" })
            if (Id(key) is { } e && !eos.Contains(e))
                eos.Add(e);
        var addBos = Metadata.TryGetBool("tokenizer.ggml.add_bos_token") ?? addBosDefault;
        var addEos = Metadata.TryGetBool("tokenizer.ggml.add_eos_token") ?? false;
        return new TokenizerDefinition
        {
            Tokens = Tokens,
            TokenIds = Vocab,
            AddedTokens = added,
            Normalizer = normalizer,
            PreTokenizer = preTokenizer,
            Model = model,
            PostProcessor = new PostProcessor(addBos && bos is { } b ? [b] : [], addEos && eos.Count > 0 ? [eos[0]] : []),
            Decoder = new TokenDecoder(pieces, null, special, stripLeadingSpaces),
            BosTokenId = bos,
            EosTokenIds = eos,
        };
    }

    /// <summary>Phi-3's special tokens swallow the whitespace after them (llama.cpp sets this by model name, matching the Hugging Face tokenizer).</summary>
    private Func<int, GgufTokenType, bool> RStripRule()
    {
        var arch = Metadata.TryGetString("general.architecture") ?? "";
        var name = Metadata.TryGetString("general.name") ?? "";
        bool IsPhi3(string s) => s.Contains("phi3", StringComparison.OrdinalIgnoreCase) || s.Contains("phi-3", StringComparison.OrdinalIgnoreCase);
        if (!IsPhi3(arch) && !IsPhi3(name))
            return (_, _) => false;
        return (id, type) => Tokens[id] switch
        {
            "</s>" => true,
            "<unk>" or "<s>" or "<|endoftext|>" => false,
            _ => type is GgufTokenType.Control or GgufTokenType.UserDefined,
        };
    }
}
