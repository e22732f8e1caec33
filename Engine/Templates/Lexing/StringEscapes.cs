using System.Globalization;
using System.Text;

namespace Platform.Engine.Templates.Lexing;

/// <summary>Decodes Python-style backslash escapes in template string literals.</summary>
internal static class StringEscapes
{
    /// <summary>Appends the escape starting at <paramref name="pos"/> (just after the backslash) and advances past it.</summary>
    public static void Append(StringBuilder sb, string source, ref int pos)
    {
        var c = source[pos++];
        switch (c)
        {
            case 'n': sb.Append('\n'); return;
            case 't': sb.Append('\t'); return;
            case 'r': sb.Append('\r'); return;
            case 'b': sb.Append('\b'); return;
            case 'f': sb.Append('\f'); return;
            case 'v': sb.Append('\v'); return;
            case '0': sb.Append('\0'); return;
            case '\\': sb.Append('\\'); return;
            case '\'': sb.Append('\''); return;
            case '"': sb.Append('"'); return;
            case '\n': return;
            case 'x': AppendHex(sb, source, ref pos, 2, c); return;
            case 'u': AppendHex(sb, source, ref pos, 4, c); return;
            case 'U': AppendHex(sb, source, ref pos, 8, c); return;
            default:
                // Python keeps unknown escapes as written.
                sb.Append('\\').Append(c);
                return;
        }
    }

    private static void AppendHex(StringBuilder sb, string source, ref int pos, int digits, char marker)
    {
        if (pos + digits <= source.Length
            && int.TryParse(source.AsSpan(pos, digits), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var code)
            && code <= 0x10FFFF)
        {
            if (code is >= 0xD800 and <= 0xDFFF)
                sb.Append((char)code);
            else
                sb.Append(char.ConvertFromUtf32(code));
            pos += digits;
            return;
        }
        sb.Append('\\').Append(marker);
    }
}
