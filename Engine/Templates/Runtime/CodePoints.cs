using System.Text;

namespace Platform.Engine.Templates.Runtime;

/// <summary>String indexing by Unicode code point, as Python strings index, with a fast path for text without surrogates.</summary>
internal static class CodePoints
{
    public static bool HasSurrogates(string s) => s.AsSpan().IndexOfAnyInRange('\uD800', '\uDFFF') >= 0;

    public static int Count(string s)
    {
        if (!HasSurrogates(s))
            return s.Length;
        var count = 0;
        foreach (var _ in s.EnumerateRunes())
            count++;
        return count;
    }

    public static List<object?> Split(string s)
    {
        var items = new List<object?>(s.Length);
        if (!HasSurrogates(s))
        {
            foreach (var c in s)
                items.Add(c.ToString());
            return items;
        }
        foreach (var rune in s.EnumerateRunes())
            items.Add(rune.ToString());
        return items;
    }

    public static string Join(IEnumerable<object?> parts)
    {
        var sb = new StringBuilder();
        foreach (var part in parts)
            sb.Append((string?)part);
        return sb.ToString();
    }
}
