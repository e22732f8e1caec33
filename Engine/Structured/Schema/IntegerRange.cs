using System.Globalization;
using Platform.Engine.Structured.Grammar;
using static Platform.Engine.Structured.Grammar.GrammarNode;

namespace Platform.Engine.Structured.Schema;

/// <summary>The decimal integers in [low, high] (no leading zeros, no "-0") as a grammar, built digit position by digit position.</summary>
public static class IntegerRange
{
    /// <summary>The largest magnitude a bounded integer may have: 16 digits, exact in a double.</summary>
    public const long Limit = 9_999_999_999_999_999;

    /// <summary>The integers from <paramref name="low"/> to <paramref name="high"/>, both within ±<see cref="Limit"/>.</summary>
    public static GrammarNode Build(long low, long high)
    {
        if (low > high)
            throw new ArgumentException($"empty integer range [{low}, {high}].");
        var options = new List<GrammarNode>();
        if (high >= 0)
            options.Add(NonNegative(Math.Max(low, 0), high));
        if (low < 0)
            options.Add(Seq(Text("-"), NonNegative(high < 0 ? -high : 1, -low)));
        return Any([.. options]);
    }

    private static GrammarNode NonNegative(long low, long high)
    {
        var options = new List<GrammarNode>();
        long start = 0, end = 9;
        for (var digits = 1; digits <= 17 && start <= high; digits++)
        {
            var lo = Math.Max(low, start);
            var hi = Math.Min(high, end);
            if (lo <= hi)
                options.Add(SameLength(Digits(lo), Digits(hi)));
            start = end + 1;
            end = end * 10 + 9;
        }
        return Any([.. options]);
    }

    private static string Digits(long value) => value.ToString(CultureInfo.InvariantCulture);

    // Strings of equal length between a and b, digit by digit.
    private static GrammarNode SameLength(string a, string b)
    {
        if (a.Length == 0)
            return Empty;
        if (a[0] == b[0])
            return Seq(Text(a[..1]), SameLength(a[1..], b[1..]));
        var rest = a.Length - 1;
        if (a[1..].All(c => c == '0') && b[1..].All(c => c == '9'))
            return Seq(Range(a[0], b[0]), AnyDigits(rest));
        var options = new List<GrammarNode>
        {
            Seq(Text(a[..1]), SameLength(a[1..], new string('9', rest))),
            Seq(Text(b[..1]), SameLength(new string('0', rest), b[1..])),
        };
        if (a[0] + 1 <= b[0] - 1)
            options.Add(Seq(Range((char)(a[0] + 1), (char)(b[0] - 1)), AnyDigits(rest)));
        return Any([.. options]);
    }

    private static GrammarNode Range(char low, char high) => new ByteRange((byte)low, (byte)high);

    private static GrammarNode AnyDigits(int count) => new Repeat(Range('0', '9'), count, count);
}
