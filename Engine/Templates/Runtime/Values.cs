using System.Text;

namespace Platform.Engine.Templates.Runtime;

/// <summary>
/// Python semantics over the runtime value model: null is None, then bool, long, double, string,
/// <see cref="List{T}"/> (list), <see cref="TupleValue"/>, <see cref="OrderedDictionary{TKey,TValue}"/> (dict),
/// <see cref="Namespace"/>, <see cref="Callable"/>, <see cref="LoopContext"/> and <see cref="Undefined"/>.
/// </summary>
internal static class Values
{
    public static string TypeName(object? value) => value switch
    {
        null => "NoneType",
        bool => "bool",
        long => "int",
        double => "float",
        string => "str",
        TupleValue => "tuple",
        List<object?> => "list",
        OrderedDictionary<string, object?> => "dict",
        Namespace => "Namespace",
        Callable => "function",
        LoopContext => "LoopContext",
        Undefined => "Undefined",
        _ => value.GetType().Name,
    };

    public static bool IsTruthy(object? value) => value switch
    {
        null or Undefined => false,
        bool b => b,
        long l => l != 0,
        double d => d != 0,
        string s => s.Length > 0,
        List<object?> list => list.Count > 0,
        OrderedDictionary<string, object?> dict => dict.Count > 0,
        _ => true,
    };

    public static bool IsNumber(object? value) => value is long or double or bool;

    public static double ToDouble(object? value) => value switch
    {
        long l => l,
        double d => d,
        bool b => b ? 1 : 0,
        _ => throw new RenderError($"expected a number, not {TypeName(value)}"),
    };

    /// <summary>Python's <c>len()</c>; strings count code points, not UTF-16 units.</summary>
    public static long Length(object? value) => value switch
    {
        string s => CodePoints.Count(s),
        List<object?> list => list.Count,
        OrderedDictionary<string, object?> dict => dict.Count,
        Namespace ns => ns.Attributes.Count,
        Undefined => 0,
        _ => throw new RenderError($"object of type '{TypeName(value)}' has no len()"),
    };

    /// <summary>Python iteration: lists item by item, dicts by key, strings by character; undefined iterates empty.</summary>
    public static List<object?> Iterate(object? value) => value switch
    {
        List<object?> list => list,
        OrderedDictionary<string, object?> dict => [.. dict.Keys],
        string s => CodePoints.Split(s),
        Undefined => [],
        _ => throw new RenderError($"'{TypeName(value)}' object is not iterable"),
    };

    /// <summary>Python's <c>str()</c>, with undefined printing as nothing as Jinja does.</summary>
    public static string Str(object? value) => value switch
    {
        string s => s,
        Undefined => "",
        _ => Repr(value),
    };

    /// <summary>Python's <c>repr()</c>.</summary>
    public static string Repr(object? value)
    {
        var sb = new StringBuilder();
        AppendRepr(sb, value);
        return sb.ToString();
    }

    private static void AppendRepr(StringBuilder sb, object? value)
    {
        switch (value)
        {
            case null: sb.Append("None"); break;
            case bool b: sb.Append(b ? "True" : "False"); break;
            case long l: sb.Append(l); break;
            case double d: sb.Append(PyFloat.Repr(d)); break;
            case string s: AppendStringRepr(sb, s); break;
            case Undefined: break;
            case TupleValue tuple:
                AppendItems(sb, "(", tuple, tuple.Count == 1 ? ",)" : ")");
                break;
            case List<object?> list:
                AppendItems(sb, "[", list, "]");
                break;
            case OrderedDictionary<string, object?> dict:
                AppendDict(sb, "{", dict, "}");
                break;
            case Namespace ns:
                AppendDict(sb, "<Namespace {", ns.Attributes, "}>");
                break;
            case Callable c: sb.Append("<function ").Append(c.Name).Append('>'); break;
            default: sb.Append('<').Append(TypeName(value)).Append('>'); break;
        }
    }

    private static void AppendItems(StringBuilder sb, string open, List<object?> items, string close)
    {
        sb.Append(open);
        for (var i = 0; i < items.Count; i++)
        {
            if (i > 0)
                sb.Append(", ");
            AppendRepr(sb, items[i]);
        }
        sb.Append(close);
    }

    private static void AppendDict(StringBuilder sb, string open, OrderedDictionary<string, object?> dict, string close)
    {
        sb.Append(open);
        var first = true;
        foreach (var (key, item) in dict)
        {
            if (!first)
                sb.Append(", ");
            first = false;
            AppendStringRepr(sb, key);
            sb.Append(": ");
            AppendRepr(sb, item);
        }
        sb.Append(close);
    }

    private static void AppendStringRepr(StringBuilder sb, string s)
    {
        var quote = s.Contains('\'') && !s.Contains('"') ? '"' : '\'';
        sb.Append(quote);
        foreach (var c in s)
        {
            switch (c)
            {
                case '\\': sb.Append("\\\\"); break;
                case '\n': sb.Append("\\n"); break;
                case '\r': sb.Append("\\r"); break;
                case '\t': sb.Append("\\t"); break;
                default:
                    if (c == quote)
                        sb.Append('\\').Append(c);
                    else if (c < 0x20 || c == 0x7f)
                        sb.Append("\\x").Append(((int)c).ToString("x2"));
                    else
                        sb.Append(c);
                    break;
            }
        }
        sb.Append(quote);
    }
}
