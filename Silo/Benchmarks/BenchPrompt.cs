using System.Text;

namespace Platform.Silo.Benchmarks;

/// <summary>Distinct prompts of about a given token count: random common words, seeded per request so no two requests share a cacheable prefix.</summary>
public static class BenchPrompt
{
    // Short, frequent English words: nearly every BPE/SentencePiece vocabulary holds each (with its leading space) as one token.
    private static readonly string[] Words =
    [
        "the", "of", "and", "to", "in", "is", "was", "for", "on", "that", "with", "as", "it", "by", "at", "from",
        "his", "her", "they", "we", "you", "this", "are", "be", "or", "an", "one", "all", "new", "had", "not", "but",
        "time", "day", "year", "man", "work", "home", "water", "city", "name", "world", "house", "school", "game", "life", "war", "state",
        "good", "first", "last", "long", "great", "small", "old", "high", "late", "young", "own", "right", "big", "left", "best", "free",
    ];

    /// <summary>A prompt of <paramref name="words"/> words (about as many tokens) drawn by a generator seeded with <paramref name="seed"/>.</summary>
    public static string Make(int words, int seed)
    {
        if (words < 1)
            throw new ArgumentException($"a prompt needs at least one word, got {words}.", nameof(words));
        // SplitMix64 rather than Random(seed): Random's legacy seeding folds some seeds together (-n and n, for one),
        // which would let two requests share a prompt and so a cached prefix.
        // The seed is scrambled first: otherwise seed n+1's words would be seed n's shifted by one.
        var state = Mix((uint)seed);
        var text = new StringBuilder(words * 6);
        for (var i = 0; i < words; i++)
        {
            if (i > 0)
                text.Append(' ');
            state += 0x9E3779B97F4A7C15UL;
            text.Append(Words[(int)(Mix(state) % (ulong)Words.Length)]);
        }
        return text.ToString();
    }

    private static ulong Mix(ulong z)
    {
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }
}
