using System.Text;
using System.Text.RegularExpressions;

namespace Platform.Engine.Templates.Runtime;

/// <summary>The string-shaping filters whose rules differ from Python's str methods (Jinja's title, indent, escape…).</summary>
internal static partial class TextFilters
{
    /// <summary>Jinja's <c>title</c> filter: words begin after whitespace, '-', and opening brackets.</summary>
    public static string Title(string s)
    {
        var sb = new StringBuilder(s.Length);
        foreach (var part in WordBeginning().Split(s))
            if (part.Length > 0)
                sb.Append(char.ToUpperInvariant(part[0])).Append(part[1..].ToLowerInvariant());
        return sb.ToString();
    }

    [GeneratedRegex(@"([-\s({\[<]+)")]
    private static partial Regex WordBeginning();

    public static string Escape(string s) => s
        .Replace("&", "&amp;").Replace("<", "&lt;").Replace(">", "&gt;").Replace("\"", "&#34;").Replace("'", "&#39;");

    public static string Center(string s, int width, char fill = ' ')
    {
        if (s.Length >= width)
            return s;
        // Python's str.center puts the odd extra space on the left when the string length is odd.
        var total = width - s.Length;
        var left = total / 2 + (total & width & 1);
        return new string(fill, left) + s + new string(fill, total - left);
    }

    public static long WordCount(string s) => WordPattern().Count(s);

    [GeneratedRegex(@"\w+")]
    private static partial Regex WordPattern();

    /// <summary>Jinja's <c>indent</c>: every line but the first (unless <paramref name="first"/>), skipping blank lines unless <paramref name="blank"/>.</summary>
    public static string Indent(string s, object? width, bool first, bool blank)
    {
        var indentation = width is string text ? text : new string(' ', (int)Values.ToDouble(width));
        var lines = SplitLines(s + "\n");
        string result;
        if (blank)
            result = string.Join("\n" + indentation, lines);
        else
        {
            var sb = new StringBuilder(lines[0]);
            foreach (var line in lines.Skip(1))
                sb.Append('\n').Append(line.Length > 0 ? indentation + line : line);
            result = sb.ToString();
        }
        return first ? indentation + result : result;
    }

    /// <summary>Python's <c>str.splitlines()</c>.</summary>
    public static List<string> SplitLines(string s)
    {
        var lines = LineBreak().Split(s).ToList();
        if (lines.Count > 1 && lines[^1].Length == 0)
            lines.RemoveAt(lines.Count - 1);
        else if (s.Length == 0)
            lines.Clear();
        return lines;
    }

    [GeneratedRegex("\r\n|[\n\r\v\f\u001c\u001d\u001e\u0085\u2028\u2029]")]
    private static partial Regex LineBreak();
}
