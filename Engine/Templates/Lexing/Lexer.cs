using System.Text;
using System.Text.RegularExpressions;

namespace Platform.Engine.Templates.Lexing;

/// <summary>
/// Splits a template into text and tag tokens with Jinja's whitespace rules as chat templates are rendered:
/// trim_blocks and lstrip_blocks on, <c>-</c> strips, <c>+</c> keeps, and one trailing newline is dropped.
/// </summary>
internal sealed partial class Lexer
{
    /// <summary>How a tag's closing marker treats the whitespace after it.</summary>
    private enum TagEnd
    {
        Default,
        Strip,
        Keep,
    }

    private static readonly string[] Operators =
        ["**", "//", "==", "!=", "<=", ">=", "+", "-", "*", "/", "%", "~", "<", ">", "=", "(", ")", "[", "]", "{", "}", ",", ".", ":", "|"];

    private readonly string _source;
    private readonly SourcePositions _positions;
    private readonly List<Token> _tokens = [];
    private int _pos;

    private Lexer(string source)
    {
        // Jinja's default keep_trailing_newline=False drops exactly one final newline.
        _source = source.EndsWith('\n') ? source[..^1] : source;
        _positions = new SourcePositions(_source);
    }

    public static List<Token> Tokenize(string source)
    {
        var lexer = new Lexer(source);
        lexer.Run();
        return lexer._tokens;
    }

    private void Run()
    {
        while (_pos < _source.Length)
        {
            var tag = FindTagStart(_pos);
            if (tag < 0)
            {
                AddText(_pos, _source[_pos..]);
                break;
            }

            var kind = _source[tag + 1];
            var modifier = tag + 2 < _source.Length ? _source[tag + 2] : '\0';
            AddText(_pos, TrimBeforeTag(_source[_pos..tag], _pos, kind, modifier));
            _pos = tag + 2 + (modifier is '-' or '+' ? 1 : 0);

            var after = kind switch
            {
                '#' => SkipComment(tag),
                '{' => LexTag(tag, TokenKind.VariableStart, TokenKind.VariableEnd, "}}"),
                _ => LexTag(tag, TokenKind.BlockStart, TokenKind.BlockEnd, "%}"),
            };
            if (kind == '%' && IsRawBlockStart())
                after = LexRawBody(tag);
            TrimAfterTag(after, kind);
        }
        _tokens.Add(Make(TokenKind.End, "", _source.Length));
    }

    private int FindTagStart(int from)
    {
        for (var i = _source.IndexOf('{', from); i >= 0 && i + 1 < _source.Length; i = _source.IndexOf('{', i + 1))
            if (_source[i + 1] is '{' or '%' or '#')
                return i;
        return -1;
    }

    private string TrimBeforeTag(string text, int textStart, char kind, char modifier)
    {
        if (modifier == '-')
            return text.TrimEnd();
        if (modifier == '+' || kind == '{')
            return text;
        // lstrip_blocks: only whitespace between the start of the line and a block or comment tag goes.
        var lineStart = text.LastIndexOf('\n') + 1;
        var atLineStart = lineStart > 0 || textStart == 0 || _source[textStart - 1] == '\n';
        if (!atLineStart)
            return text;
        for (var i = lineStart; i < text.Length; i++)
            if (text[i] is not (' ' or '\t'))
                return text;
        return text[..lineStart];
    }

    private void TrimAfterTag(TagEnd end, char kind)
    {
        if (end == TagEnd.Strip)
        {
            while (_pos < _source.Length && char.IsWhiteSpace(_source[_pos]))
                _pos++;
        }
        else if (kind != '{' && end != TagEnd.Keep)
        {
            // trim_blocks: the first newline after a block or comment tag goes.
            if (_pos < _source.Length && _source[_pos] == '\n')
                _pos++;
            else if (_pos + 1 < _source.Length && _source[_pos] == '\r' && _source[_pos + 1] == '\n')
                _pos += 2;
        }
    }

    private TagEnd SkipComment(int tagStart)
    {
        var end = _source.IndexOf("#}", _pos, StringComparison.Ordinal);
        if (end < 0)
            throw Error("unterminated comment", tagStart);
        var marker = end > _pos ? _source[end - 1] : '\0';
        _pos = end + 2;
        return Marker(marker);
    }

    private static TagEnd Marker(char c) => c switch
    {
        '-' => TagEnd.Strip,
        '+' => TagEnd.Keep,
        _ => TagEnd.Default,
    };

    private TagEnd LexTag(int tagStart, TokenKind startKind, TokenKind endKind, string close)
    {
        _tokens.Add(Make(startKind, startKind == TokenKind.VariableStart ? "{{" : "{%", tagStart));
        var braceDepth = 0;
        while (true)
        {
            SkipWhitespace();
            if (_pos >= _source.Length)
                throw Error($"unclosed tag: expected '{close}'", tagStart);
            if (braceDepth == 0 && (At("-" + close) || At("+" + close)))
            {
                _tokens.Add(Make(endKind, close, _pos));
                _pos += 3;
                return Marker(_source[_pos - 3]);
            }
            if (braceDepth == 0 && At(close))
            {
                _tokens.Add(Make(endKind, close, _pos));
                _pos += 2;
                return TagEnd.Default;
            }
            var token = NextExpressionToken();
            if (token.IsOperator("{"))
                braceDepth++;
            else if (token.IsOperator("}"))
                braceDepth--;
            _tokens.Add(token);
        }
    }

    private bool IsRawBlockStart() =>
        _tokens.Count >= 3 && _tokens[^1].Kind == TokenKind.BlockEnd && _tokens[^2].IsName("raw") && _tokens[^3].Kind == TokenKind.BlockStart;

    private TagEnd LexRawBody(int tagStart)
    {
        var stripAfterOpen = _source[_pos - 3] == '-';
        _tokens.RemoveRange(_tokens.Count - 3, 3);
        var end = EndRaw().Match(_source, _pos);
        if (!end.Success)
            throw Error("unterminated raw block: expected '{% endraw %}'", tagStart);
        var body = _source[_pos..end.Index];
        if (stripAfterOpen)
            body = body.TrimStart();
        else if (body.StartsWith('\n'))
            body = body[1..];
        if (end.Groups[1].Value == "-")
            body = body.TrimEnd();
        AddText(_pos, body);
        _pos = end.Index + end.Length;
        return end.Groups[2].Value == "-" ? TagEnd.Strip : TagEnd.Default;
    }

    [GeneratedRegex(@"\{%(-?)\s*endraw\s*(-?)%\}")]
    private static partial Regex EndRaw();

    private Token NextExpressionToken()
    {
        var start = _pos;
        var c = _source[_pos];
        if (char.IsLetter(c) || c == '_')
        {
            while (_pos < _source.Length && (char.IsLetterOrDigit(_source[_pos]) || _source[_pos] == '_'))
                _pos++;
            return Make(TokenKind.Name, _source[start.._pos], start);
        }
        if (char.IsAsciiDigit(c))
            return LexNumber(start);
        if (c is '\'' or '"')
            return LexString(start, c);
        foreach (var op in Operators)
            if (At(op))
            {
                _pos += op.Length;
                return Make(TokenKind.Operator, op, start);
            }
        throw Error($"unexpected character '{c}'", start);
    }

    private Token LexNumber(int start)
    {
        while (_pos < _source.Length && (char.IsAsciiDigit(_source[_pos]) || _source[_pos] == '_'))
            _pos++;
        // After '.', digits are an attribute (`foo.0`), never a fraction.
        var afterDot = _tokens.Count > 0 && _tokens[^1].IsOperator(".");
        var isFloat = false;
        if (!afterDot && _pos + 1 < _source.Length && _source[_pos] == '.' && char.IsAsciiDigit(_source[_pos + 1]))
        {
            isFloat = true;
            _pos++;
            while (_pos < _source.Length && char.IsAsciiDigit(_source[_pos]))
                _pos++;
        }
        if (!afterDot && _pos < _source.Length && _source[_pos] is 'e' or 'E')
        {
            var save = _pos++;
            if (_pos < _source.Length && _source[_pos] is '+' or '-')
                _pos++;
            if (_pos < _source.Length && char.IsAsciiDigit(_source[_pos]))
            {
                isFloat = true;
                while (_pos < _source.Length && char.IsAsciiDigit(_source[_pos]))
                    _pos++;
            }
            else
                _pos = save;
        }
        var text = _source[start.._pos].Replace("_", "");
        return Make(isFloat ? TokenKind.Float : TokenKind.Integer, text, start);
    }

    private Token LexString(int start, char quote)
    {
        var sb = new StringBuilder();
        _pos++;
        while (true)
        {
            if (_pos >= _source.Length)
                throw Error("unterminated string literal", start);
            var c = _source[_pos++];
            if (c == quote)
                return Make(TokenKind.String, sb.ToString(), start);
            if (c != '\\' || _pos >= _source.Length)
            {
                sb.Append(c);
                continue;
            }
            StringEscapes.Append(sb, _source, ref _pos);
        }
    }

    private void SkipWhitespace()
    {
        while (_pos < _source.Length && char.IsWhiteSpace(_source[_pos]))
            _pos++;
    }

    private bool At(string text) => string.CompareOrdinal(_source, _pos, text, 0, text.Length) == 0;

    private void AddText(int offset, string text)
    {
        if (text.Length > 0)
            _tokens.Add(Make(TokenKind.Text, text, offset));
    }

    private Token Make(TokenKind kind, string value, int offset)
    {
        var (line, column) = _positions.At(offset);
        return new Token(kind, value, line, column);
    }

    private TemplateException Error(string message, int offset)
    {
        var (line, column) = _positions.At(offset);
        return new TemplateException($"syntax error: {message}", line, column);
    }
}
