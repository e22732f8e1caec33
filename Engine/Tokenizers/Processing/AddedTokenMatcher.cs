namespace Platform.Engine.Tokenizers.Processing;

/// <summary>Finds added tokens in text, leftmost-longest, and cuts the text into token and plain segments.</summary>
internal sealed class AddedTokenMatcher
{
    private readonly Dictionary<char, (string Pattern, AddedToken Token)[]> _byFirstChar;

    public AddedTokenMatcher(IEnumerable<(string Pattern, AddedToken Token)> patterns)
    {
        var groups = new Dictionary<char, List<(string, AddedToken)>>();
        foreach (var (pattern, token) in patterns)
        {
            if (pattern.Length == 0) continue;
            if (!groups.TryGetValue(pattern[0], out var list))
                groups[pattern[0]] = list = [];
            list.Add((pattern, token));
        }
        _byFirstChar = new Dictionary<char, (string, AddedToken)[]>(groups.Count);
        foreach (var (c, list) in groups)
        {
            list.Sort((x, y) => y.Item1.Length.CompareTo(x.Item1.Length));
            _byFirstChar[c] = list.ToArray();
        }
    }

    public bool IsEmpty => _byFirstChar.Count == 0;

    /// <summary>Appends the segments of <paramref name="text"/>: a plain run has TokenId -1.</summary>
    public void Split(string text, List<Segment> output)
    {
        var plainStart = 0;
        var i = 0;
        while (i < text.Length)
        {
            if (!_byFirstChar.TryGetValue(text[i], out var candidates) || !TryMatch(text, i, candidates, out var token, out var length))
            {
                i++;
                continue;
            }
            var start = i;
            var end = i + length;
            if (token.LStrip)
                while (start > plainStart && char.IsWhiteSpace(text[start - 1])) start--;
            if (token.RStrip)
                while (end < text.Length && char.IsWhiteSpace(text[end])) end++;
            if (start > plainStart)
                output.Add(new Segment(plainStart, start - plainStart, -1));
            output.Add(new Segment(start, end - start, token.Id));
            plainStart = i = end;
        }
        if (plainStart < text.Length)
            output.Add(new Segment(plainStart, text.Length - plainStart, -1));
    }

    private static bool TryMatch(string text, int at, (string Pattern, AddedToken Token)[] candidates, out AddedToken token, out int length)
    {
        foreach (var (pattern, candidate) in candidates)
        {
            if (!text.AsSpan(at).StartsWith(pattern, StringComparison.Ordinal))
                continue;
            if (candidate.SingleWord && (at > 0 && IsWordChar(text[at - 1]) || at + pattern.Length < text.Length && IsWordChar(text[at + pattern.Length])))
                continue;
            token = candidate;
            length = pattern.Length;
            return true;
        }
        token = null!;
        length = 0;
        return false;
    }

    private static bool IsWordChar(char c) => char.IsLetterOrDigit(c) || c == '_';

    /// <summary>A run of text: an added token (TokenId ≥ 0) or plain text for the model (TokenId = -1).</summary>
    public readonly record struct Segment(int Start, int Length, int TokenId);
}
