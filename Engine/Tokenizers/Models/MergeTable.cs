namespace Platform.Engine.Tokenizers.Models;

/// <summary>Builds the pair → merge table from Hugging Face merge ranks or from SentencePiece/llama.cpp token scores.</summary>
internal static class MergeTable
{
    /// <summary>Ranked merges ("a b" lines or pairs): earlier lines merge first.</summary>
    public static Dictionary<long, MergeRule> FromRanks(IReadOnlyList<(string Left, string Right)> merges, Dictionary<string, int> vocab, string source)
    {
        var table = new Dictionary<long, MergeRule>(merges.Count);
        for (var rank = 0; rank < merges.Count; rank++)
        {
            var (left, right) = merges[rank];
            if (!vocab.TryGetValue(left, out var a) || !vocab.TryGetValue(right, out var b))
                throw new Formats.ModelFormatException($"{source}: merge {rank + 1} ('{left}' '{right}') names a token that is not in the vocabulary.");
            if (!vocab.TryGetValue(left + right, out var result))
                throw new Formats.ModelFormatException($"{source}: merge {rank + 1} ('{left}' '{right}') produces '{left + right}', which is not in the vocabulary.");
            table[MergeRule.Key(a, b)] = new MergeRule(rank, result);
        }
        return table;
    }

    /// <summary>Score-based merging: any two adjacent pieces whose concatenation is a token may merge, highest score first.</summary>
    public static Dictionary<long, MergeRule> FromScores(string[] tokens, float[] scores, Dictionary<string, int> vocab)
    {
        var table = new Dictionary<long, MergeRule>(tokens.Length * 2);
        var lookup = vocab.GetAlternateLookup<ReadOnlySpan<char>>();
        for (var id = 0; id < tokens.Length; id++)
        {
            var text = tokens[id];
            if (vocab[text] != id)
                continue; // a duplicate spelling: the vocabulary resolves it to another id
            for (var cut = 1; cut < text.Length; cut++)
            {
                if (char.IsLowSurrogate(text[cut]))
                    continue;
                if (lookup.TryGetValue(text.AsSpan(0, cut), out var a) && lookup.TryGetValue(text.AsSpan(cut), out var b))
                    table[MergeRule.Key(a, b)] = new MergeRule(-scores[id], id);
            }
        }
        return table;
    }
}
