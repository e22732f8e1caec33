namespace Platform.Engine.Structured.Grammar;

/// <summary>A set of Unicode scalar values as sorted, disjoint, non-adjacent inclusive ranges (surrogates never included).</summary>
public sealed class CodePointSet
{
    /// <summary>The largest code point.</summary>
    public const int MaxCodePoint = 0x10FFFF;

    private CodePointSet(List<(int Low, int High)> ranges) => Ranges = ranges;

    /// <summary>The ranges, ascending.</summary>
    public IReadOnlyList<(int Low, int High)> Ranges { get; }

    /// <summary>Every scalar value.</summary>
    public static CodePointSet All => Of([(0, MaxCodePoint)]);

    /// <summary>The set of the given ranges (any order, may overlap).</summary>
    public static CodePointSet Of(IEnumerable<(int Low, int High)> ranges)
    {
        var sorted = ranges.Where(r => r.Low <= r.High).OrderBy(r => r.Low).ToList();
        var merged = new List<(int Low, int High)>();
        foreach (var (low, high) in sorted)
        {
            if (merged.Count > 0 && low <= merged[^1].High + 1)
                merged[^1] = (merged[^1].Low, Math.Max(merged[^1].High, high));
            else
                merged.Add((low, high));
        }
        return new CodePointSet(WithoutSurrogates(merged));
    }

    /// <summary>One character.</summary>
    public static CodePointSet Single(int codePoint) => Of([(codePoint, codePoint)]);

    /// <summary>Every scalar value not in this set.</summary>
    public CodePointSet Complement()
    {
        var result = new List<(int, int)>();
        var next = 0;
        foreach (var (low, high) in Ranges)
        {
            if (low > next)
                result.Add((next, low - 1));
            next = high + 1;
        }
        if (next <= MaxCodePoint)
            result.Add((next, MaxCodePoint));
        return Of(result);
    }

    /// <summary>This set without the values of <paramref name="other"/>.</summary>
    public CodePointSet Except(CodePointSet other) => Of(Complement().Ranges.Concat(other.Ranges)).Complement();

    /// <summary>The union of both sets.</summary>
    public CodePointSet Union(CodePointSet other) => Of(Ranges.Concat(other.Ranges));

    /// <summary>Whether <paramref name="codePoint"/> is in the set.</summary>
    public bool Contains(int codePoint) => Ranges.Any(r => codePoint >= r.Low && codePoint <= r.High);

    /// <summary>Whether the set is empty.</summary>
    public bool IsEmpty => Ranges.Count == 0;

    private static List<(int, int)> WithoutSurrogates(List<(int Low, int High)> ranges)
    {
        var result = new List<(int, int)>();
        foreach (var (low, high) in ranges)
        {
            if (high < 0xD800 || low > 0xDFFF)
                result.Add((low, high));
            else
            {
                if (low < 0xD800) result.Add((low, 0xD7FF));
                if (high > 0xDFFF) result.Add((0xE000, high));
            }
        }
        return result;
    }
}
