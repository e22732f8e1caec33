using System.Globalization;
using System.Text;

namespace Platform.Engine.Templates.Runtime;

/// <summary>
/// The <c>tojson</c> filter as transformers defines it: Python's <c>json.dumps</c> with <c>ensure_ascii=False</c> by default,
/// ", "/": " separators (or ","/": " plus newlines when indenting), and optional <c>separators</c>/<c>sort_keys</c>.
/// </summary>
internal static class JsonWriter
{
    private sealed record Style(string? Indent, string ItemSeparator, string KeySeparator, bool SortKeys, bool EnsureAscii);

    public static string Write(object? value, CallArguments args)
    {
        var indent = args.Get(0, "indent") switch
        {
            null or Undefined => null,
            string s => s,
            var n when Values.IsNumber(n) => new string(' ', Math.Max(0, (int)Values.ToDouble(n))),
            var other => throw new RenderError($"tojson indent must be an integer or string, not {Values.TypeName(other)}"),
        };
        var (itemSeparator, keySeparator) = args.Get(2, "separators") switch
        {
            null or Undefined => (indent is null ? ", " : ",", ": "),
            List<object?> { Count: 2 } pair when pair[0] is string item && pair[1] is string key => (item, key),
            var other => throw new RenderError($"tojson separators must be a pair of strings, not {Values.Repr(other)}"),
        };
        var style = new Style(indent, itemSeparator, keySeparator, args.GetBool(1, "sort_keys", false), args.GetBool(3, "ensure_ascii", false));
        var sb = new StringBuilder();
        Append(sb, value, style, 0);
        return sb.ToString();
    }

    private static void Append(StringBuilder sb, object? value, Style style, int depth)
    {
        switch (value)
        {
            case null or Undefined: sb.Append("null"); break;
            case bool b: sb.Append(b ? "true" : "false"); break;
            case long l: sb.Append(l.ToString(CultureInfo.InvariantCulture)); break;
            case double d: sb.Append(double.IsNaN(d) ? "NaN" : double.IsInfinity(d) ? (d > 0 ? "Infinity" : "-Infinity") : PyFloat.Repr(d)); break;
            case string s: AppendString(sb, s, style.EnsureAscii); break;
            case List<object?> list:
                AppendContainer(sb, '[', ']', list, style, depth, (item, d) => Append(sb, item, style, d));
                break;
            case OrderedDictionary<string, object?> dict:
                var pairs = style.SortKeys ? dict.OrderBy(p => p.Key, StringComparer.Ordinal).ToList() : dict.ToList();
                AppendContainer(sb, '{', '}', pairs, style, depth, (pair, d) =>
                {
                    AppendString(sb, pair.Key, style.EnsureAscii);
                    sb.Append(style.KeySeparator);
                    Append(sb, pair.Value, style, d);
                });
                break;
            default:
                throw new RenderError($"Object of type {Values.TypeName(value)} is not JSON serializable");
        }
    }

    private static void AppendContainer<T>(StringBuilder sb, char open, char close, List<T> items, Style style, int depth, Action<T, int> appendItem)
    {
        sb.Append(open);
        if (items.Count == 0)
        {
            sb.Append(close);
            return;
        }
        for (var i = 0; i < items.Count; i++)
        {
            if (i > 0)
                sb.Append(style.ItemSeparator);
            if (style.Indent is not null)
                NewLine(sb, style.Indent, depth + 1);
            appendItem(items[i], depth + 1);
        }
        if (style.Indent is not null)
            NewLine(sb, style.Indent, depth);
        sb.Append(close);
    }

    private static void NewLine(StringBuilder sb, string indent, int depth)
    {
        sb.Append('\n');
        for (var i = 0; i < depth; i++)
            sb.Append(indent);
    }

    private static void AppendString(StringBuilder sb, string s, bool ensureAscii)
    {
        sb.Append('"');
        foreach (var c in s)
        {
            switch (c)
            {
                case '"': sb.Append("\\\""); break;
                case '\\': sb.Append("\\\\"); break;
                case '\n': sb.Append("\\n"); break;
                case '\r': sb.Append("\\r"); break;
                case '\t': sb.Append("\\t"); break;
                case '\b': sb.Append("\\b"); break;
                case '\f': sb.Append("\\f"); break;
                default:
                    if (c < 0x20 || (ensureAscii && c > 0x7e))
                        sb.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
                    else
                        sb.Append(c);
                    break;
            }
        }
        sb.Append('"');
    }
}
