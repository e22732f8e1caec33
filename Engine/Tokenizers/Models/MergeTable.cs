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
        var pairs = new List<(long Key, int Result)>(tokens.Length * 2);
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
                    pairs.Add((MergeRule.Key(a, b), id));
            }
        }
        var ranks = ScoreRanks(scores);
        var table = new Dictionary<long, MergeRule>(pairs.Count);
        foreach (var (key, result) in pairs)
            table[key] = new MergeRule(ranks[result], result);
        return table;
    }

    /// <summary>Dense ranks by descending score, so equal scores tie (and the leftmost pair wins, as in llama.cpp).</summary>
    private static int[] ScoreRanks(float[] scores)
    {
        var order = new int[scores.Length];
        for (var i = 0; i < order.Length; i++) order[i] = i;
        Array.Sort(order, (x, y) => scores[y].CompareTo(scores[x]));
        var ranks = new int[scores.Length];
        var rank = 0;
        for (var i = 0; i < order.Length; i++)
        {
            if (i > 0 && scores[order[i]] != scores[order[i - 1]]) rank++;
            ranks[order[i]] = rank;
        }
        return ranks;
    }
}
