using System.Runtime.CompilerServices;
using Platform.Engine.Templates.Syntax;

namespace Platform.Engine.Templates.Runtime;

/// <summary>Expression evaluation half of the interpreter.</summary>
internal sealed partial class Interpreter
{
    private object? Evaluate(Expr expr, Scope scope)
    {
        RuntimeHelpers.EnsureSufficientExecutionStack();
        try
        {
            return expr switch
            {
                LiteralExpr literal => literal.Value,
                NameExpr name => scope.Lookup(name.Name),
                ListExpr list => list.Items.Select(item => Evaluate(item, scope)).ToList(),
                TupleExpr tuple => new TupleValue(tuple.Items.Select(item => Evaluate(item, scope))),
                DictExpr dict => EvaluateDict(dict, scope),
                AttributeExpr attribute => Access.Attribute(Evaluate(attribute.Target, scope), attribute.Name),
                IndexExpr index => Access.Item(Evaluate(index.Target, scope), Evaluate(index.Index, scope)),
                SliceExpr slice => Access.Slice(Evaluate(slice.Target, scope), Optional(slice.Start, scope), Optional(slice.Stop, scope), Optional(slice.Step, scope)),
                CallExpr call => Invoke(Evaluate(call.Callee, scope), EvaluateArguments(call.Args, scope)),
                FilterExpr filter => Filters.Apply(filter.Name, Evaluate(filter.Operand, scope), EvaluateArguments(filter.Args, scope)),
                TestExpr test => Tests.Apply(test.Name, Evaluate(test.Operand, scope), EvaluateArguments(test.Args, scope)) != test.Negated,
                UnaryExpr unary => EvaluateUnary(unary, scope),
                BinaryExpr binary => EvaluateBinary(binary, scope),
                ConditionalExpr conditional => Values.IsTruthy(Evaluate(conditional.Condition, scope))
                    ? Evaluate(conditional.Then, scope)
                    : conditional.Else is { } otherwise
                        ? Evaluate(otherwise, scope)
                        : new Undefined("the inline if-expression evaluated to false and no else section was defined"),
                _ => throw new RenderError($"unsupported expression {expr.GetType().Name}"),
            };
        }
        catch (Exception e) when (Positioned(e, expr) is { } error)
        {
            throw error;
        }
    }

    private object? Optional(Expr? expr, Scope scope) => expr is null ? null : Evaluate(expr, scope);

    private OrderedDictionary<string, object?> EvaluateDict(DictExpr dict, Scope scope)
    {
        var result = new OrderedDictionary<string, object?>(StringComparer.Ordinal);
        foreach (var (keyExpr, valueExpr) in dict.Entries)
        {
            var key = Evaluate(keyExpr, scope) as string ?? throw new RenderError("dictionary keys in templates must be strings");
            result[key] = Evaluate(valueExpr, scope);
        }
        return result;
    }

    private CallArguments EvaluateArguments(Arguments args, Scope scope)
    {
        var positional = new List<object?>(args.Positional.Count);
        foreach (var arg in args.Positional)
            positional.Add(Evaluate(arg, scope));
        var named = new Dictionary<string, object?>(args.Named.Count, StringComparer.Ordinal);
        foreach (var (name, arg) in args.Named)
            named[name] = Evaluate(arg, scope);
        return new CallArguments(positional, named);
    }

    private static object? Invoke(object? callee, CallArguments args) => callee switch
    {
        Callable callable => callable.Invoke(args),
        Undefined undefined => throw undefined.Fail(),
        _ => throw new RenderError($"'{Values.TypeName(callee)}' object is not callable"),
    };

    private object? EvaluateUnary(UnaryExpr unary, Scope scope)
    {
        var operand = Evaluate(unary.Operand, scope);
        return unary.Operator switch
        {
            "not" => !Values.IsTruthy(operand),
            "-" => Arithmetic.Negate(operand),
            _ => Values.IsNumber(operand) ? operand is bool b ? (b ? 1L : 0L) : operand
                : operand is Undefined undefined ? throw undefined.Fail()
                : throw new RenderError($"bad operand type for unary +: '{Values.TypeName(operand)}'"),
        };
    }

    private object? EvaluateBinary(BinaryExpr binary, Scope scope)
    {
        var left = Evaluate(binary.Left, scope);
        switch (binary.Operator)
        {
            case "and":
                return Values.IsTruthy(left) ? Evaluate(binary.Right, scope) : left;
            case "or":
                return Values.IsTruthy(left) ? left : Evaluate(binary.Right, scope);
        }
        var right = Evaluate(binary.Right, scope);
        return binary.Operator switch
        {
            "==" => Comparison.AreEqual(left, right),
            "!=" => !Comparison.AreEqual(left, right),
            "<" => Comparison.Compare(left, right, "<") < 0,
            "<=" => Comparison.Compare(left, right, "<=") <= 0,
            ">" => Comparison.Compare(left, right, ">") > 0,
            ">=" => Comparison.Compare(left, right, ">=") >= 0,
            "in" => Comparison.Contains(right, left),
            "not in" => !Comparison.Contains(right, left),
            "~" => Values.Str(left) + Values.Str(right),
            var op => Arithmetic.Apply(op, left, right),
        };
    }
}
