using System.Globalization;
using System.Runtime.CompilerServices;
using Platform.Engine.Templates.Lexing;

namespace Platform.Engine.Templates.Syntax;

/// <summary>Recursive-descent parser for Jinja expressions, with Jinja's operator precedence.</summary>
internal sealed class ExpressionParser(TokenStream tokens)
{
    private static readonly HashSet<string> Comparisons = ["==", "!=", "<", ">", "<=", ">="];
    private static readonly HashSet<string> Keywords = ["if", "else", "or", "and", "in", "not", "is"];

    /// <summary>An expression, or a tuple when commas separate several (as in <c>{% set a = 1, 2 %}</c>).</summary>
    public Expr ParseTuple(bool withCondition)
    {
        var first = tokens.Current;
        var items = new List<Expr> { ParseExpression(withCondition) };
        var isTuple = false;
        while (tokens.SkipOperator(","))
        {
            isTuple = true;
            if (EndsTuple(tokens.Current))
                break;
            items.Add(ParseExpression(withCondition));
        }
        return isTuple ? new TupleExpr(items, first.Line, first.Column) : items[0];
    }

    /// <summary>One expression; without <paramref name="withCondition"/> a trailing <c>if</c> is left for the caller (for-loop filters).</summary>
    public Expr ParseExpression(bool withCondition)
    {
        RuntimeHelpers.EnsureSufficientExecutionStack();
        return withCondition ? ParseConditional() : ParseOr();
    }

    public Target ParseAssignTarget(bool allowAttribute)
    {
        var first = tokens.Current;
        var items = new List<Target> { ParseSingleTarget(allowAttribute) };
        var isTuple = false;
        while (tokens.SkipOperator(","))
        {
            isTuple = true;
            if (tokens.Current.IsOperator("=") || tokens.Current.IsName("in"))
                break;
            items.Add(ParseSingleTarget(allowAttribute));
        }
        return isTuple ? new TupleTarget(items, first.Line, first.Column) : items[0];
    }

    public FilterCall ParseFilterCall()
    {
        var token = tokens.Current;
        var name = ParseDottedName();
        var args = tokens.Current.IsOperator("(") ? ParseArguments() : Arguments.None;
        return new FilterCall(name, args, token.Line, token.Column);
    }

    private Target ParseSingleTarget(bool allowAttribute)
    {
        var token = tokens.Current;
        if (tokens.SkipOperator("("))
        {
            var inner = ParseAssignTarget(allowAttribute);
            tokens.ExpectOperator(")");
            return inner;
        }
        if (token.Kind != TokenKind.Name || Keywords.Contains(token.Value))
            throw TokenStream.Error($"expected a variable name but found {token}", token);
        var name = tokens.Next().Value;
        if (allowAttribute && tokens.SkipOperator("."))
            return new AttributeTarget(name, tokens.Expect(TokenKind.Name, "an attribute name").Value, token.Line, token.Column);
        return new NameTarget(name, token.Line, token.Column);
    }

    private static bool EndsTuple(Token token) =>
        token.Kind is TokenKind.VariableEnd or TokenKind.BlockEnd or TokenKind.End
        || token.IsOperator(")") || token.IsOperator("]") || token.IsOperator("=") || token.IsName("in") || token.IsName("if");

    private Expr ParseConditional()
    {
        var expr = ParseOr();
        while (tokens.Current.IsName("if"))
        {
            var token = tokens.Next();
            var condition = ParseOr();
            var otherwise = tokens.SkipName("else") ? ParseConditional() : null;
            expr = new ConditionalExpr(condition, expr, otherwise, token.Line, token.Column);
        }
        return expr;
    }

    private Expr ParseOr() => ParseBinary(ParseAnd, "or");

    private Expr ParseAnd() => ParseBinary(ParseNot, "and");

    private Expr ParseNot()
    {
        RuntimeHelpers.EnsureSufficientExecutionStack();
        if (!tokens.Current.IsName("not"))
            return ParseCompare();
        var token = tokens.Next();
        return new UnaryExpr("not", ParseNot(), token.Line, token.Column);
    }

    /// <summary>Comparisons chain as in Python: <c>a &lt; b &lt; c</c> means <c>a &lt; b and b &lt; c</c>.</summary>
    private Expr ParseCompare()
    {
        var left = ParseAdditive();
        Expr? chain = null;
        while (true)
        {
            var token = tokens.Current;
            string op;
            if (token.Kind == TokenKind.Operator && Comparisons.Contains(token.Value))
                op = token.Value;
            else if (token.IsName("in"))
                op = "in";
            else if (token.IsName("not") && tokens.Peek().IsName("in"))
            {
                tokens.Next();
                op = "not in";
            }
            else
                return chain ?? left;
            tokens.Next();
            var right = ParseAdditive();
            var comparison = new BinaryExpr(op, left, right, token.Line, token.Column);
            chain = chain is null ? comparison : new BinaryExpr("and", chain, comparison, token.Line, token.Column);
            left = right;
        }
    }

    private Expr ParseAdditive() => ParseBinary(ParseConcat, "+", "-");

    private Expr ParseConcat() => ParseBinary(ParseMultiplicative, "~");

    private Expr ParseMultiplicative() => ParseBinary(ParsePower, "*", "/", "//", "%");

    private Expr ParsePower() => ParseBinary(() => ParseUnary(withFilter: true), "**");

    private Expr ParseBinary(Func<Expr> operand, params string[] operators)
    {
        var left = operand();
        while (tokens.Current.Kind is TokenKind.Operator or TokenKind.Name && operators.Contains(tokens.Current.Value))
        {
            var token = tokens.Next();
            left = new BinaryExpr(token.Value, left, operand(), token.Line, token.Column);
        }
        return left;
    }

    private Expr ParseUnary(bool withFilter)
    {
        RuntimeHelpers.EnsureSufficientExecutionStack();
        var token = tokens.Current;
        Expr expr;
        if (token.IsOperator("-") || token.IsOperator("+"))
        {
            tokens.Next();
            expr = new UnaryExpr(token.Value, ParseUnary(withFilter: false), token.Line, token.Column);
        }
        else
            expr = ParsePostfix(ParsePrimary());
        return withFilter ? ParseFiltersAndTests(expr) : expr;
    }

    private Expr ParsePrimary()
    {
        var token = tokens.Next();
        switch (token.Kind)
        {
            case TokenKind.Name:
                return token.Value switch
                {
                    "true" or "True" => new LiteralExpr(true, token.Line, token.Column),
                    "false" or "False" => new LiteralExpr(false, token.Line, token.Column),
                    "none" or "None" => new LiteralExpr(null, token.Line, token.Column),
                    _ => new NameExpr(token.Value, token.Line, token.Column),
                };
            case TokenKind.String:
                var text = token.Value;
                // Adjacent literals concatenate, as in Python.
                while (tokens.Current.Kind == TokenKind.String)
                    text += tokens.Next().Value;
                return new LiteralExpr(text, token.Line, token.Column);
            case TokenKind.Integer:
                return new LiteralExpr(ParseInteger(token), token.Line, token.Column);
            case TokenKind.Float:
                return new LiteralExpr(double.Parse(token.Value, CultureInfo.InvariantCulture), token.Line, token.Column);
            case TokenKind.Operator when token.Value == "(":
                if (tokens.SkipOperator(")"))
                    return new TupleExpr([], token.Line, token.Column);
                var inner = ParseTuple(withCondition: true);
                tokens.ExpectOperator(")");
                return inner;
            case TokenKind.Operator when token.Value == "[":
                return new ListExpr(ParseSequence("]"), token.Line, token.Column);
            case TokenKind.Operator when token.Value == "{":
                return ParseDict(token);
            default:
                throw TokenStream.Error($"unexpected {token} in expression", token);
        }
    }

    private static long ParseInteger(Token token) =>
        long.TryParse(token.Value, NumberStyles.None, CultureInfo.InvariantCulture, out var value)
            ? value
            : throw TokenStream.Error($"integer literal {token.Value} is too large", token);

    private List<Expr> ParseSequence(string close)
    {
        var items = new List<Expr>();
        while (!tokens.Current.IsOperator(close))
        {
            if (items.Count > 0)
            {
                tokens.ExpectOperator(",");
                if (tokens.Current.IsOperator(close))
                    break;
            }
            items.Add(ParseExpression(withCondition: true));
        }
        tokens.ExpectOperator(close);
        return items;
    }

    private DictExpr ParseDict(Token open)
    {
        var entries = new List<KeyValuePair<Expr, Expr>>();
        while (!tokens.Current.IsOperator("}"))
        {
            if (entries.Count > 0)
            {
                tokens.ExpectOperator(",");
                if (tokens.Current.IsOperator("}"))
                    break;
            }
            var key = ParseExpression(withCondition: true);
            tokens.ExpectOperator(":");
            entries.Add(new(key, ParseExpression(withCondition: true)));
        }
        tokens.ExpectOperator("}");
        return new DictExpr(entries, open.Line, open.Column);
    }

    private Expr ParsePostfix(Expr expr)
    {
        while (true)
        {
            var token = tokens.Current;
            if (token.IsOperator("."))
            {
                tokens.Next();
                var member = tokens.Next();
                expr = member.Kind switch
                {
                    TokenKind.Name => new AttributeExpr(expr, member.Value, token.Line, token.Column),
                    TokenKind.Integer => new IndexExpr(expr, new LiteralExpr(ParseInteger(member), member.Line, member.Column), token.Line, token.Column),
                    _ => throw TokenStream.Error($"expected an attribute name after '.' but found {member}", member),
                };
            }
            else if (token.IsOperator("["))
            {
                tokens.Next();
                expr = ParseSubscript(expr, token);
            }
            else if (token.IsOperator("("))
                expr = new CallExpr(expr, ParseArguments(), token.Line, token.Column);
            else
                return expr;
        }
    }

    private Expr ParseSubscript(Expr target, Token open)
    {
        Expr? start = null;
        if (!tokens.Current.IsOperator(":"))
        {
            start = ParseExpression(withCondition: true);
            if (tokens.SkipOperator("]"))
                return new IndexExpr(target, start, open.Line, open.Column);
        }
        tokens.ExpectOperator(":");
        Expr? stop = null, step = null;
        if (!tokens.Current.IsOperator(":") && !tokens.Current.IsOperator("]"))
            stop = ParseExpression(withCondition: true);
        if (tokens.SkipOperator(":") && !tokens.Current.IsOperator("]"))
            step = ParseExpression(withCondition: true);
        tokens.ExpectOperator("]");
        return new SliceExpr(target, start, stop, step, open.Line, open.Column);
    }

    private Arguments ParseArguments()
    {
        tokens.ExpectOperator("(");
        var positional = new List<Expr>();
        var named = new List<KeyValuePair<string, Expr>>();
        while (!tokens.Current.IsOperator(")"))
        {
            if (positional.Count + named.Count > 0)
            {
                tokens.ExpectOperator(",");
                if (tokens.Current.IsOperator(")"))
                    break;
            }
            if (tokens.Current.Kind == TokenKind.Name && tokens.Peek().IsOperator("="))
            {
                var name = tokens.Next().Value;
                tokens.Next();
                named.Add(new(name, ParseExpression(withCondition: true)));
            }
            else if (named.Count > 0)
                throw TokenStream.Error("positional argument follows keyword argument", tokens.Current);
            else
                positional.Add(ParseExpression(withCondition: true));
        }
        tokens.ExpectOperator(")");
        return new Arguments(positional, named);
    }

    private Expr ParseFiltersAndTests(Expr expr)
    {
        while (true)
        {
            var token = tokens.Current;
            if (tokens.SkipOperator("|"))
            {
                var filter = ParseFilterCall();
                expr = new FilterExpr(expr, filter.Name, filter.Args, filter.Line, filter.Column);
            }
            else if (tokens.SkipName("is"))
            {
                var negated = tokens.SkipName("not");
                var name = ParseDottedName();
                var args = Arguments.None;
                if (tokens.Current.IsOperator("("))
                    args = ParseArguments();
                else if (StartsTestArgument(tokens.Current))
                    args = new Arguments([ParsePostfix(ParsePrimary())], []);
                expr = new TestExpr(expr, name, args, negated, token.Line, token.Column);
            }
            else if (token.IsOperator("("))
                expr = new CallExpr(expr, ParseArguments(), token.Line, token.Column);
            else
                return expr;
        }
    }

    private static bool StartsTestArgument(Token token) =>
        token.Kind switch
        {
            TokenKind.Name => !Keywords.Contains(token.Value),
            TokenKind.String or TokenKind.Integer or TokenKind.Float => true,
            TokenKind.Operator => token.Value is "[" or "{",
            _ => false,
        };

    private string ParseDottedName()
    {
        var name = tokens.Expect(TokenKind.Name, "a filter or test name").Value;
        while (tokens.Current.IsOperator(".") && tokens.Peek().Kind == TokenKind.Name)
        {
            tokens.Next();
            name += "." + tokens.Next().Value;
        }
        return name;
    }
}
