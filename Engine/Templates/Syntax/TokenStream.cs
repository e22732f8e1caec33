using Platform.Engine.Templates.Lexing;

namespace Platform.Engine.Templates.Syntax;

/// <summary>A cursor over lexed tokens with the expect/skip helpers the parser needs.</summary>
internal sealed class TokenStream(List<Token> tokens)
{
    private int _index;

    public Token Current => tokens[_index];

    public Token Peek(int ahead = 1) => tokens[Math.Min(_index + ahead, tokens.Count - 1)];

    public Token Next()
    {
        var token = tokens[_index];
        if (_index < tokens.Count - 1)
            _index++;
        return token;
    }

    public bool SkipOperator(string op)
    {
        if (!Current.IsOperator(op))
            return false;
        Next();
        return true;
    }

    public bool SkipName(string name)
    {
        if (!Current.IsName(name))
            return false;
        Next();
        return true;
    }

    public Token ExpectOperator(string op) =>
        Current.IsOperator(op) ? Next() : throw Error($"expected '{op}' but found {Current}", Current);

    public Token ExpectName(string name) =>
        Current.IsName(name) ? Next() : throw Error($"expected '{name}' but found {Current}", Current);

    public Token Expect(TokenKind kind, string description) =>
        Current.Kind == kind ? Next() : throw Error($"expected {description} but found {Current}", Current);

    public static TemplateException Error(string message, Token at) => new($"syntax error: {message}", at.Line, at.Column);
}
