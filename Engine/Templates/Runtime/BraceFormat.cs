using System.Text;

namespace Platform.Engine.Templates.Runtime;

/// <summary>Python's <c>str.format()</c> for plain fields: <c>{}</c>, <c>{0}</c>, <c>{name}</c>, <c>!r</c>/<c>!s</c>, and <c>{{ }}</c> escapes.</summary>
internal static class BraceFormat
{
    public static string Format(string format, CallArguments args)
    {
        var sb = new StringBuilder();
        var auto = 0;
        for (var i = 0; i < format.Length; i++)
        {
            var c = format[i];
            if (c == '}' )
            {
                if (i + 1 < format.Length && format[i + 1] == '}')
                    i++;
                else
                    throw new RenderError("Single '}' encountered in format string");
                sb.Append('}');
                continue;
            }
            if (c != '{')
            {
                sb.Append(c);
                continue;
            }
            if (i + 1 < format.Length && format[i + 1] == '{')
            {
                sb.Append('{');
                i++;
                continue;
            }
            var close = format.IndexOf('}', i);
            if (close < 0)
                throw new RenderError("Single '{' encountered in format string");
            var field = format[(i + 1)..close];
            i = close;
            var conversion = 's';
            var bang = field.IndexOf('!');
            if (bang >= 0)
            {
                conversion = field.Length > bang + 1 ? field[bang + 1] : 's';
                field = field[..bang];
            }
            if (field.Contains(':'))
                throw new RenderError("format specifications in str.format() are not supported");
            object? value;
            if (field.Length == 0)
                value = auto < args.Positional.Count ? args.Positional[auto++] : throw new RenderError("Replacement index out of range");
            else if (int.TryParse(field, out var index))
                value = index < args.Positional.Count ? args.Positional[index] : throw new RenderError($"Replacement index {index} out of range");
            else
                value = args.Named.TryGetValue(field, out var named) ? named : throw new RenderError($"format key '{field}' missing");
            sb.Append(conversion == 'r' ? Values.Repr(value) : Values.Str(value));
        }
        return sb.ToString();
    }
}
