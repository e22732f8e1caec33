using System.Globalization;
using System.Text;

namespace Platform.Engine.Templates.Runtime;

/// <summary>
/// The <c>tojson</c> filter as transformers defines it: Python's <c>json.dumps(ensure_ascii=False)</c> with
/// ", "/": " separators, or ","/": " plus newlines when indenting.
/// </summary>
internal static class JsonWriter
{
    public static string Write(object? value, object? indent, bool sortKeys)
    {
        var indentText = indent switch
        {
            null or Undefined => null,
            string s => s,
            long or bool or double => new string(' ', Math.Max(0, (int)Values.ToDouble(indent))),
            _ => throw new RenderError($"tojson indent must be an integer or string, not {Values.TypeName(indent)}"),
        };
        var sb = new StringBuilder();
        Append(sb, value, indentText, sortKeys, 0);
        return sb.ToString();
    }

    private static void Append(StringBuilder sb, object? value, string? indent, bool sortKeys, int depth)
    {
        switch (value)
        {
            case null or Undefined: sb.Append("null"); break;
            case bool b: sb.Append(b ? "true" : "false"); break;
            case long l: sb.Append(l.ToString(CultureInfo.InvariantCulture)); break;
            case double d: sb.Append(double.IsNaN(d) ? "NaN" : double.IsInfinity(d) ? (d > 0 ? "Infinity" : "-Infinity") : PyFloat.Repr(d)); break;
            case string s: AppendString(sb, s); break;
            case List<object?> list:
                AppendContainer(sb, '[', ']', list, indent, depth, (item, d) => Append(sb, item, indent, sortKeys, d));
                break;
            case OrderedDictionary<string, object?> dict:
                var pairs = sortKeys ? dict.OrderBy(p => p.Key, StringComparer.Ordinal).ToList() : dict.ToList();
                AppendContainer(sb, '{', '}', pairs, indent, depth, (pair, d) =>
                {
                    AppendString(sb, pair.Key);
                    sb.Append(": ");
                    Append(sb, pair.Value, indent, sortKeys, d);
                });
                break;
            default:
                throw new RenderError($"Object of type {Values.TypeName(value)} is not JSON serializable");
        }
    }

    private static void AppendContainer<T>(StringBuilder sb, char open, char close, List<T> items, string? indent, int depth, Action<T, int> appendItem)
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
                sb.Append(indent is null ? ", " : ",");
            if (indent is not null)
                NewLine(sb, indent, depth + 1);
            appendItem(items[i], depth + 1);
        }
        if (indent is not null)
            NewLine(sb, indent, depth);
        sb.Append(close);
    }

    private static void NewLine(StringBuilder sb, string indent, int depth)
    {
        sb.Append('\n');
        for (var i = 0; i < depth; i++)
            sb.Append(indent);
    }

    private static void AppendString(StringBuilder sb, string s)
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
                    if (c < 0x20)
                        sb.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
                    else
                        sb.Append(c);
                    break;
            }
        }
        sb.Append('"');
    }
}
