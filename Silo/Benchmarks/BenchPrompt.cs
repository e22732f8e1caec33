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

    /// <summary>A prompt of <paramref name="words"/> words (about as many tokens) drawn from a generator seeded with <paramref name="seed"/>.</summary>
    public static string Make(int words, int seed)
    {
        if (words < 1)
            throw new ArgumentException($"a prompt needs at least one word, got {words}.", nameof(words));
        var random = new Random(seed);
        var text = new StringBuilder(words * 6);
        for (var i = 0; i < words; i++)
        {
            if (i > 0)
                text.Append(' ');
            text.Append(Words[random.Next(Words.Length)]);
        }
        return text.ToString();
    }
}
