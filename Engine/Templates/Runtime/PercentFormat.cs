using System.Globalization;
using System.Text;

namespace Platform.Engine.Templates.Runtime;

/// <summary>Python's <c>"..." % args</c> string formatting for the common conversions (s, r, d, i, f, x, %).</summary>
internal static class PercentFormat
{
    public static string Format(string format, object? args)
    {
        var positional = args is TupleValue tuple ? tuple : new List<object?> { args };
        var named = args as OrderedDictionary<string, object?>;
        var sb = new StringBuilder();
        var next = 0;
        for (var i = 0; i < format.Length; i++)
        {
            var c = format[i];
            if (c != '%')
            {
                sb.Append(c);
                continue;
            }
            if (++i >= format.Length)
                throw new RenderError("incomplete format");
            object? value;
            if (format[i] == '(')
            {
                var close = format.IndexOf(')', i);
                if (close < 0 || named is null)
                    throw new RenderError("format requires a mapping");
                value = named.TryGetValue(format[(i + 1)..close], out var v) ? v : throw new RenderError($"format key '{format[(i + 1)..close]}' missing");
                i = close + 1;
            }
            else if (format[i] == '%')
            {
                sb.Append('%');
                continue;
            }
            else
                value = next < positional.Count ? positional[next++] : throw new RenderError("not enough arguments for format string");
            var spec = new StringBuilder();
            while (i < format.Length && "-+ #0123456789.".Contains(format[i]))
                spec.Append(format[i++]);
            if (i >= format.Length)
                throw new RenderError("incomplete format");
            sb.Append(Convert(format[i], spec.ToString(), value));
        }
        if (named is null && next < positional.Count)
            throw new RenderError("not all arguments converted during string formatting");
        return sb.ToString();
    }

    private static string Convert(char conversion, string spec, object? value)
    {
        var precision = spec.Contains('.') ? int.Parse(spec[(spec.IndexOf('.') + 1)..], CultureInfo.InvariantCulture) : -1;
        var widthText = new string(spec.Split('.')[0].Where(char.IsAsciiDigit).ToArray()).TrimStart('0');
        var width = widthText.Length > 0 ? int.Parse(widthText, CultureInfo.InvariantCulture) : 0;
        var text = conversion switch
        {
            's' => Values.Str(value),
            'r' => Values.Repr(value),
            'd' or 'i' => ((long)Math.Truncate(Values.ToDouble(value))).ToString(CultureInfo.InvariantCulture),
            'f' or 'F' => Values.ToDouble(value).ToString("F" + (precision < 0 ? 6 : precision), CultureInfo.InvariantCulture),
            'x' => ((long)Values.ToDouble(value)).ToString("x", CultureInfo.InvariantCulture),
            _ => throw new RenderError($"unsupported format character '{conversion}'"),
        };
        if (conversion is 's' or 'r' && precision >= 0 && text.Length > precision)
            text = text[..precision];
        return spec.StartsWith('-') ? text.PadRight(width) : spec.StartsWith('0') && conversion is not ('s' or 'r') ? text.PadLeft(width, '0') : text.PadLeft(width);
    }
}
