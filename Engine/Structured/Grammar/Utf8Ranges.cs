namespace Platform.Engine.Structured.Grammar;

/// <summary>Turns a range of code points into the byte-range sequences of their UTF-8 encodings (each sequence a <see cref="GrammarNode"/>).</summary>
public static class Utf8Ranges
{
    private static readonly int[] Limits = [0x7F, 0x7FF, 0xFFFF, CodePointSet.MaxCodePoint];

    /// <summary>A node matching exactly the UTF-8 encoding of one code point of <paramref name="set"/>.</summary>
    public static GrammarNode Encode(CodePointSet set)
    {
        var options = new List<GrammarNode>();
        foreach (var (low, high) in set.Ranges)
            Split(low, high, options);
        return GrammarNode.Any([.. options]);
    }

    private static void Split(int low, int high, List<GrammarNode> options)
    {
        // First split at encoding-length boundaries, so both ends have the same number of bytes.
        var start = 0;
        foreach (var limit in Limits)
        {
            var lo = Math.Max(low, start);
            var hi = Math.Min(high, limit);
            if (lo <= hi)
                SameLength(lo, hi, options);
            start = limit + 1;
        }
    }

    private static void SameLength(int low, int high, List<GrammarNode> options)
    {
        var length = Length(low);
        // Split until every continuation byte position spans its full range except in the leading positions.
        for (var i = 1; i < length; i++)
        {
            var m = (1 << (6 * i)) - 1;
            if ((low & ~m) != (high & ~m))
            {
                if ((low & m) != 0)
                {
                    SameLength(low, low | m, options);
                    SameLength((low | m) + 1, high, options);
                    return;
                }
                if ((high & m) != m)
                {
                    SameLength(low, (high & ~m) - 1, options);
                    SameLength(high & ~m, high, options);
                    return;
                }
            }
        }
        var a = EncodeBytes(low);
        var b = EncodeBytes(high);
        var items = new GrammarNode[length];
        for (var i = 0; i < length; i++)
            items[i] = new GrammarNode.ByteRange(a[i], b[i]);
        options.Add(GrammarNode.Seq(items));
    }

    private static int Length(int codePoint) => codePoint <= 0x7F ? 1 : codePoint <= 0x7FF ? 2 : codePoint <= 0xFFFF ? 3 : 4;

    private static byte[] EncodeBytes(int codePoint) => System.Text.Encoding.UTF8.GetBytes(char.ConvertFromUtf32(codePoint));
}
