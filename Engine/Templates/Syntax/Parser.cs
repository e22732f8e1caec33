using System.Runtime.CompilerServices;
using Platform.Engine.Templates.Lexing;

namespace Platform.Engine.Templates.Syntax;

/// <summary>Builds the statement tree of a template from its tokens; expressions are parsed by <see cref="ExpressionParser"/>.</summary>
internal sealed class Parser
{
    private readonly TokenStream _tokens;
    private readonly ExpressionParser _expressions;

    private Parser(List<Token> tokens)
    {
        _tokens = new TokenStream(tokens);
        _expressions = new ExpressionParser(_tokens);
    }

    public static IReadOnlyList<Stmt> Parse(string source)
    {
        var parser = new Parser(Lexer.Tokenize(source));
        var body = parser.ParseBody(null, []);
        parser._tokens.Expect(TokenKind.End, "end of template");
        return body;
    }

    /// <summary>Parses statements until a block tag named in <paramref name="endNames"/>, which is left unconsumed.</summary>
    private List<Stmt> ParseBody(Token? opener, string[] endNames)
    {
        var body = new List<Stmt>();
        while (true)
        {
            var token = _tokens.Current;
            switch (token.Kind)
            {
                case TokenKind.End:
                    if (opener is { } open)
                        throw TokenStream.Error($"'{open.Value}' opened at line {open.Line} is never closed (expected {string.Join(" or ", endNames.Select(n => $"'{n}'"))})", token);
                    return body;
                case TokenKind.Text:
                    _tokens.Next();
                    body.Add(new TextStmt(token.Value, token.Line, token.Column));
                    break;
                case TokenKind.VariableStart:
                    _tokens.Next();
                    body.Add(new OutputStmt(_expressions.ParseTuple(withCondition: true), token.Line, token.Column));
                    _tokens.Expect(TokenKind.VariableEnd, "'}}'");
                    break;
                case TokenKind.BlockStart:
                    var name = _tokens.Peek();
                    if (name.Kind == TokenKind.Name && endNames.Contains(name.Value))
                        return body;
                    _tokens.Next();
                    body.Add(ParseStatement());
                    break;
                default:
                    throw TokenStream.Error($"unexpected {token}", token);
            }
        }
    }

    private Stmt ParseStatement()
    {
        RuntimeHelpers.EnsureSufficientExecutionStack();
        var tag = _tokens.Expect(TokenKind.Name, "a statement name");
        return tag.Value switch
        {
            "if" => ParseIf(tag),
            "for" => ParseFor(tag),
            "set" => ParseSet(tag),
            "macro" => ParseMacro(tag),
            "call" => ParseCallBlock(tag),
            "filter" => ParseFilterBlock(tag),
            "generation" => new BlockStmt(ParseBlockBody(tag, "endgeneration"), tag.Line, tag.Column),
            "do" => EndTag(new DoStmt(_expressions.ParseTuple(withCondition: true), tag.Line, tag.Column)),
            "break" => EndTag(new BreakStmt(tag.Line, tag.Column)),
            "continue" => EndTag(new ContinueStmt(tag.Line, tag.Column)),
            "elif" or "else" or "endif" or "endfor" or "endset" or "endmacro" or "endcall" or "endfilter" or "endgeneration" or "endraw" =>
                throw TokenStream.Error($"unexpected '{tag.Value}': no open block it could close", tag),
            _ => throw TokenStream.Error($"unknown tag '{tag.Value}'", tag),
        };
    }

    private Stmt EndTag(Stmt statement)
    {
        _tokens.Expect(TokenKind.BlockEnd, "'%}'");
        return statement;
    }

    private List<Stmt> ParseBlockBody(Token opener, string endName)
    {
        _tokens.Expect(TokenKind.BlockEnd, "'%}'");
        var body = ParseBody(opener, [endName]);
        CloseTag(endName);
        return body;
    }

    private void CloseTag(string name)
    {
        _tokens.Expect(TokenKind.BlockStart, "'{%'");
        _tokens.ExpectName(name);
        _tokens.Expect(TokenKind.BlockEnd, "'%}'");
    }

    private IfStmt ParseIf(Token tag)
    {
        var branches = new List<KeyValuePair<Expr, IReadOnlyList<Stmt>>>();
        IReadOnlyList<Stmt> elseBody = [];
        var condition = _expressions.ParseTuple(withCondition: true);
        while (true)
        {
            _tokens.Expect(TokenKind.BlockEnd, "'%}'");
            branches.Add(new(condition, ParseBody(tag, ["elif", "else", "endif"])));
            _tokens.Next();
            var next = _tokens.Next();
            if (next.Value == "elif")
            {
                condition = _expressions.ParseTuple(withCondition: true);
                continue;
            }
            if (next.Value == "else")
            {
                _tokens.Expect(TokenKind.BlockEnd, "'%}'");
                elseBody = ParseBody(tag, ["endif"]);
                CloseTag("endif");
            }
            else
                _tokens.Expect(TokenKind.BlockEnd, "'%}'");
            return new IfStmt(branches, elseBody, tag.Line, tag.Column);
        }
    }

    private ForStmt ParseFor(Token tag)
    {
        var target = _expressions.ParseAssignTarget(allowAttribute: false);
        _tokens.ExpectName("in");
        var iterable = _expressions.ParseTuple(withCondition: false);
        var filter = _tokens.SkipName("if") ? _expressions.ParseTuple(withCondition: true) : null;
        if (_tokens.Current.IsName("recursive"))
            throw TokenStream.Error("recursive loops are not supported", _tokens.Current);
        _tokens.Expect(TokenKind.BlockEnd, "'%}'");
        var body = ParseBody(tag, ["else", "endfor"]);
        IReadOnlyList<Stmt> elseBody = [];
        if (_tokens.Peek().IsName("else"))
        {
            _tokens.Next();
            _tokens.Next();
            _tokens.Expect(TokenKind.BlockEnd, "'%}'");
            elseBody = ParseBody(tag, ["endfor"]);
        }
        CloseTag("endfor");
        return new ForStmt(target, iterable, filter, body, elseBody, tag.Line, tag.Column);
    }

    private Stmt ParseSet(Token tag)
    {
        var target = _expressions.ParseAssignTarget(allowAttribute: true);
        if (_tokens.SkipOperator("="))
            return EndTag(new SetStmt(target, _expressions.ParseTuple(withCondition: true), tag.Line, tag.Column));
        var filters = new List<FilterCall>();
        while (_tokens.SkipOperator("|"))
            filters.Add(_expressions.ParseFilterCall());
        return new SetBlockStmt(target, filters, ParseBlockBody(tag, "endset"), tag.Line, tag.Column);
    }

    private MacroStmt ParseMacro(Token tag)
    {
        var name = _tokens.Expect(TokenKind.Name, "a macro name").Value;
        var parameters = ParseParameters();
        return new MacroStmt(name, parameters, ParseBlockBody(tag, "endmacro"), tag.Line, tag.Column);
    }

    private CallBlockStmt ParseCallBlock(Token tag)
    {
        var parameters = _tokens.Current.IsOperator("(") ? ParseParameters() : [];
        var call = _expressions.ParseTuple(withCondition: true) as CallExpr
            ?? throw TokenStream.Error("'call' needs a macro call such as {% call m() %}", tag);
        return new CallBlockStmt(call, parameters, ParseBlockBody(tag, "endcall"), tag.Line, tag.Column);
    }

    private FilterBlockStmt ParseFilterBlock(Token tag)
    {
        var filters = new List<FilterCall> { _expressions.ParseFilterCall() };
        while (_tokens.SkipOperator("|"))
            filters.Add(_expressions.ParseFilterCall());
        return new FilterBlockStmt(filters, ParseBlockBody(tag, "endfilter"), tag.Line, tag.Column);
    }

    private List<Parameter> ParseParameters()
    {
        var parameters = new List<Parameter>();
        _tokens.ExpectOperator("(");
        while (!_tokens.Current.IsOperator(")"))
        {
            if (parameters.Count > 0)
                _tokens.ExpectOperator(",");
            if (_tokens.Current.IsOperator(")"))
                break;
            var name = _tokens.Expect(TokenKind.Name, "a parameter name").Value;
            var defaultValue = _tokens.SkipOperator("=") ? _expressions.ParseExpression(withCondition: true) : null;
            parameters.Add(new Parameter(name, defaultValue));
        }
        _tokens.ExpectOperator(")");
        return parameters;
    }
}
