using System.Globalization;
using Platform.Engine.Structured.Grammar;
using Platform.Engine.Structured.Schema;
using static Platform.Engine.Structured.Grammar.GrammarNode;

namespace Platform.Engine.Structured.Regex;

/// <summary>
/// Compiles a regular expression of a common subset (literals, escapes, classes, `.`, groups, `|`, `* + ? {n} {n,} {n,m}`,
/// `^` first and `$` last) into a grammar matching the whole string, as JSON string characters or as raw text. Anything
/// else (back-references, look-around, word boundaries, flags) is refused with <see cref="UnsupportedRegexException"/>.
/// </summary>
public sealed class RegexSubset
{
    /// <summary>The largest count a repeat may give (repeats are unrolled).</summary>
    public const int MaxRepeat = 1000;

    private readonly string _pattern;
    private readonly bool _jsonString;
    private int _position;

    private RegexSubset(string pattern, bool jsonString)
    {
        _pattern = pattern;
        _jsonString = jsonString;
    }

    /// <summary>
    /// The grammar of every string fully matching <paramref name="pattern"/>; <paramref name="jsonString"/>: characters written as
    /// inside a JSON string (quotes and backslashes escaped), else as raw UTF-8.
    /// </summary>
    public static GrammarNode Compile(string pattern, bool jsonString)
    {
        var parser = new RegexSubset(pattern, jsonString);
        if (parser.Peek('^'))
            parser._position++;
        var node = parser.Alternation();
        if (parser.Peek('$') && parser._position == pattern.Length - 1)
            parser._position++;
        if (parser._position < pattern.Length)
            throw parser.Error($"unexpected '{pattern[parser._position]}'");
        return node;
    }

    private GrammarNode Alternation()
    {
        var options = new List<GrammarNode> { Concatenation() };
        while (Peek('|'))
        {
            _position++;
            options.Add(Concatenation());
        }
        return Any([.. options]);
    }

    private GrammarNode Concatenation()
    {
        var items = new List<GrammarNode>();
        while (_position < _pattern.Length && !Peek('|') && !Peek(')'))
        {
            if (Peek('$') && _position == _pattern.Length - 1)
                break;
            items.Add(Quantified(Atom()));
        }
        return Seq([.. items]);
    }

    private GrammarNode Quantified(GrammarNode atom)
    {
        while (_position < _pattern.Length)
        {
            int min, max;
            var c = _pattern[_position];
            if (c == '*') { min = 0; max = Repeat.Unbounded; _position++; }
            else if (c == '+') { min = 1; max = Repeat.Unbounded; _position++; }
            else if (c == '?') { min = 0; max = 1; _position++; }
            else if (c == '{' && TryCounts(out min, out max)) { }
            else return atom;
            // A lazy or possessive suffix changes which match is found, not which strings match.
            if (Peek('?') || Peek('+'))
                _position++;
            atom = new Repeat(atom, min, max);
        }
        return atom;
    }

    private bool TryCounts(out int min, out int max)
    {
        min = max = 0;
        var close = _pattern.IndexOf('}', _position);
        if (close < 0)
            return false;
        var body = _pattern[(_position + 1)..close];
        var parts = body.Split(',');
        if (parts.Length is < 1 or > 2 || !int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out min))
            throw Error($"the repeat '{{{body}}}' is not of the form {{n}}, {{n,}} or {{n,m}}");
        if (parts.Length == 1)
            max = min;
        else if (parts[1].Length == 0)
            max = Repeat.Unbounded;
        else if (!int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out max) || max < min)
            throw Error($"the repeat '{{{body}}}' has a bad upper bound");
        if (min > MaxRepeat || max > MaxRepeat)
            throw Error($"repeat counts above {MaxRepeat} are not supported");
        _position = close + 1;
        return true;
    }

    private GrammarNode Atom()
    {
        var c = _pattern[_position++];
        switch (c)
        {
            case '(':
            {
                if (Peek('?'))
                {
                    if (_position + 1 < _pattern.Length && _pattern[_position + 1] == ':')
                        _position += 2;
                    else
                        throw Error("look-around, named groups and inline flags ('(?') are not supported");
                }
                var inner = Alternation();
                if (!Peek(')'))
                    throw Error("a group is not closed");
                _position++;
                return inner;
            }
            case '[':
                return Characters(Class());
            case '.':
                return Characters(CodePointSet.Of([('\n', '\n'), ('\r', '\r'), (0x2028, 0x2029)]).Complement());
            case '\\':
                return Characters(Escape(inClass: false));
            case '^' or '$':
                throw Error($"'{c}' is supported only at the start and end of the pattern");
            case '*' or '+' or '?' or ')':
                throw Error($"'{c}' has nothing to repeat or close");
            default:
                _position--;
                return Characters(CodePointSet.Single(NextCodePoint()));
        }
    }

    private CodePointSet Class()
    {
        var negated = Peek('^');
        if (negated)
            _position++;
        var ranges = new List<CodePointSet>();
        var first = true;
        while (_position < _pattern.Length && (!Peek(']') || first))
        {
            first = false;
            CodePointSet item;
            int low;
            if (Peek('\\'))
            {
                _position++;
                item = Escape(inClass: true);
                if (item.Ranges is not [var (a, b)] || a != b)
                {
                    ranges.Add(item);
                    continue;
                }
                low = a;
            }
            else
                low = NextCodePoint();
            if (Peek('-') && _position + 1 < _pattern.Length && _pattern[_position + 1] != ']')
            {
                _position++;
                int high;
                if (Peek('\\'))
                {
                    _position++;
                    var escaped = Escape(inClass: true);
                    if (escaped.Ranges is not [var (x, y)] || x != y)
                        throw Error("a class range cannot end in a class escape");
                    high = x;
                }
                else
                    high = NextCodePoint();
                if (high < low)
                    throw Error("a class range runs backwards");
                ranges.Add(CodePointSet.Of([(low, high)]));
            }
            else
                ranges.Add(CodePointSet.Single(low));
        }
        if (!Peek(']'))
            throw Error("a character class is not closed");
        _position++;
        var set = CodePointSet.Of(ranges.SelectMany(r => r.Ranges));
        return negated ? set.Complement() : set;
    }

    private CodePointSet Escape(bool inClass)
    {
        if (_position >= _pattern.Length)
            throw Error("the pattern ends in a backslash");
        var c = _pattern[_position++];
        switch (c)
        {
            case 'd': return Digits;
            case 'D': return Digits.Complement();
            case 'w': return Word;
            case 'W': return Word.Complement();
            case 's': return Space;
            case 'S': return AnySpace.Complement();
            case 'n': return CodePointSet.Single('\n');
            case 't': return CodePointSet.Single('\t');
            case 'r': return CodePointSet.Single('\r');
            case 'f': return CodePointSet.Single('\f');
            case 'v': return CodePointSet.Single('\v');
            case '0': return CodePointSet.Single(0);
            case 'u' when _position + 4 <= _pattern.Length && int.TryParse(_pattern.AsSpan(_position, 4), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var code):
                _position += 4;
                return CodePointSet.Single(code);
            case 'x' when _position + 2 <= _pattern.Length && int.TryParse(_pattern.AsSpan(_position, 2), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var hex):
                _position += 2;
                return CodePointSet.Single(hex);
            case 'b' when inClass: return CodePointSet.Single('\b');
            default:
                if (char.IsAsciiLetterOrDigit(c))
                    throw Error($"the escape '\\{c}' is not supported");
                return CodePointSet.Single(c);
        }
    }

    private static CodePointSet Digits => CodePointSet.Of([('0', '9')]);
    private static CodePointSet Word => CodePointSet.Of([('0', '9'), ('A', 'Z'), ('a', 'z'), ('_', '_')]);
    // \s generates ASCII space only and \S excludes every space ECMA-262 or .NET knows, so either dialect's validator agrees.
    private static CodePointSet Space => CodePointSet.Of([(' ', ' '), ('\t', '\r')]);
    private static CodePointSet AnySpace => CodePointSet.Of([(' ', ' '), ('\t', '\r'), (0x85, 0x85), (0xA0, 0xA0), (0x1680, 0x1680), (0x2000, 0x200A),
        (0x2028, 0x2029), (0x202F, 0x202F), (0x205F, 0x205F), (0x3000, 0x3000), (0xFEFF, 0xFEFF)]);

    private GrammarNode Characters(CodePointSet set) =>
        set.IsEmpty ? throw Error("a character class matches nothing")
        : _jsonString ? JsonGrammarParts.Character(set) : Utf8Ranges.Encode(set);

    private int NextCodePoint()
    {
        var value = char.ConvertToUtf32(_pattern, _position);
        _position += char.IsSurrogatePair(_pattern, _position) ? 2 : 1;
        return value;
    }

    private bool Peek(char c) => _position < _pattern.Length && _pattern[_position] == c;

    private UnsupportedRegexException Error(string why) => new($"pattern '{_pattern}' at offset {_position}: {why}");
}
