using System.Runtime.CompilerServices;
using System.Text;
using Platform.Engine.Templates.Syntax;

namespace Platform.Engine.Templates.Runtime;

/// <summary>Walks a parsed template, writing its output; statements here, expressions in the other half of the class.</summary>
internal sealed partial class Interpreter
{
    private const int MaxCallDepth = 100;
    private int _callDepth;

    private enum Flow
    {
        Normal,
        Break,
        Continue,
    }

    public string Render(IReadOnlyList<Stmt> body, Scope scope)
    {
        var output = new StringBuilder();
        try
        {
            if (Execute(body, scope, output) != Flow.Normal)
                throw new TemplateException("'break' or 'continue' used outside a loop");
        }
        catch (RenderError error)
        {
            throw error.ToTemplateException();
        }
        catch (InsufficientExecutionStackException e)
        {
            throw new TemplateException("template nests too deeply to render", inner: e);
        }
        return output.ToString();
    }

    private Flow Execute(IReadOnlyList<Stmt> body, Scope scope, StringBuilder output)
    {
        foreach (var statement in body)
        {
            var flow = ExecuteOne(statement, scope, output);
            if (flow != Flow.Normal)
                return flow;
        }
        return Flow.Normal;
    }

    private Flow ExecuteOne(Stmt statement, Scope scope, StringBuilder output)
    {
        RuntimeHelpers.EnsureSufficientExecutionStack();
        try
        {
            switch (statement)
            {
                case TextStmt text:
                    output.Append(text.Text);
                    return Flow.Normal;
                case OutputStmt print:
                    output.Append(Values.Str(Evaluate(print.Value, scope)));
                    return Flow.Normal;
                case IfStmt conditional:
                    foreach (var (condition, branch) in conditional.Branches)
                        if (Values.IsTruthy(Evaluate(condition, scope)))
                            return Execute(branch, scope, output);
                    return Execute(conditional.Else, scope, output);
                case ForStmt loop:
                    return ExecuteFor(loop, scope, output);
                case SetStmt set:
                    Assign(set.Target, Evaluate(set.Value, scope), scope);
                    return Flow.Normal;
                case SetBlockStmt setBlock:
                    Assign(setBlock.Target, ApplyFilters(setBlock.Filters, RenderBody(setBlock.Body, scope), scope), scope);
                    return Flow.Normal;
                case MacroStmt macro:
                    scope.Set(macro.Name, MakeMacro(macro, scope));
                    return Flow.Normal;
                case CallBlockStmt callBlock:
                    output.Append(Values.Str(ExecuteCallBlock(callBlock, scope)));
                    return Flow.Normal;
                case FilterBlockStmt filterBlock:
                    output.Append(Values.Str(ApplyFilters(filterBlock.Filters, RenderBody(filterBlock.Body, scope), scope)));
                    return Flow.Normal;
                case BlockStmt block:
                    return Execute(block.Body, scope, output);
                case DoStmt doStatement:
                    Evaluate(doStatement.Value, scope);
                    return Flow.Normal;
                case BreakStmt:
                    return Flow.Break;
                case ContinueStmt:
                    return Flow.Continue;
                default:
                    throw new RenderError($"unsupported statement {statement.GetType().Name}");
            }
        }
        catch (Exception e) when (Positioned(e, statement) is { } error)
        {
            throw error;
        }
    }

    private Flow ExecuteFor(ForStmt loop, Scope scope, StringBuilder output)
    {
        var items = Values.Iterate(Evaluate(loop.Iterable, scope));
        var loopScope = new Scope(scope);
        if (loop.Filter is { } filter)
            items = items.Where(item =>
            {
                Assign(loop.Target, item, loopScope);
                return Values.IsTruthy(Evaluate(filter, loopScope));
            }).ToList();
        if (items.Count == 0)
            return Execute(loop.Else, scope, output);
        var context = new LoopContext(items);
        loopScope.Set("loop", context);
        for (var i = 0; i < items.Count; i++)
        {
            context.Index0 = i;
            Assign(loop.Target, items[i], loopScope);
            if (Execute(loop.Body, loopScope, output) == Flow.Break)
                break;
        }
        return Flow.Normal;
    }

    private static void Assign(Target target, object? value, Scope scope)
    {
        switch (target)
        {
            case NameTarget name:
                scope.Set(name.Name, value);
                break;
            case TupleTarget tuple:
                var items = value is string or List<object?> or OrderedDictionary<string, object?>
                    ? Values.Iterate(value)
                    : throw new RenderError($"cannot unpack non-iterable {Values.TypeName(value)} object");
                if (items.Count != tuple.Items.Count)
                    throw new RenderError(items.Count > tuple.Items.Count
                        ? $"too many values to unpack (expected {tuple.Items.Count})"
                        : $"not enough values to unpack (expected {tuple.Items.Count}, got {items.Count})");
                for (var i = 0; i < items.Count; i++)
                    Assign(tuple.Items[i], items[i], scope);
                break;
            case AttributeTarget attribute:
                if (scope.Lookup(attribute.Owner) is not Namespace ns)
                    throw new RenderError($"cannot assign attribute '{attribute.Name}' on '{attribute.Owner}': only namespace() objects take attributes");
                ns.Attributes[attribute.Name] = value;
                break;
        }
    }

    private string RenderBody(IReadOnlyList<Stmt> body, Scope scope)
    {
        var output = new StringBuilder();
        Execute(body, scope, output);
        return output.ToString();
    }

    private object? ApplyFilters(IReadOnlyList<FilterCall> filters, object? value, Scope scope)
    {
        foreach (var filter in filters)
            value = Filters.Apply(filter.Name, value, EvaluateArguments(filter.Args, scope));
        return value;
    }

    private Callable MakeMacro(MacroStmt macro, Scope definingScope) => new(macro.Name, args =>
        CallBody(macro.Name, macro.Parameters, macro.Body, definingScope, args));

    private object? ExecuteCallBlock(CallBlockStmt block, Scope scope)
    {
        var caller = new Callable("caller", args => CallBody("caller", block.CallerParameters, block.Body, scope, args));
        var callee = Evaluate(block.Call.Callee, scope);
        var args = EvaluateArguments(block.Call.Args, scope);
        args.Named["caller"] = caller;
        return Invoke(callee, args);
    }

    /// <summary>Runs a macro or caller body in a fresh scope with its parameters bound, returning the rendered text.</summary>
    private string CallBody(string name, IReadOnlyList<Parameter> parameters, IReadOnlyList<Stmt> body, Scope definingScope, CallArguments args)
    {
        if (++_callDepth > MaxCallDepth)
            throw new RenderError($"macro '{name}' recursed more than {MaxCallDepth} levels deep");
        try
        {
            var scope = new Scope(definingScope);
            var named = new Dictionary<string, object?>(args.Named);
            if (named.Remove("caller", out var caller))
                scope.Set("caller", caller);
            for (var i = 0; i < parameters.Count; i++)
            {
                var parameter = parameters[i];
                if (i < args.Positional.Count)
                    scope.Set(parameter.Name, args.Positional[i]);
                else if (named.Remove(parameter.Name, out var value))
                    scope.Set(parameter.Name, value);
                else
                    scope.Set(parameter.Name, parameter.Default is { } fallback
                        ? Evaluate(fallback, scope)
                        : new Undefined($"parameter '{parameter.Name}' of '{name}' was not provided"));
            }
            scope.Set("varargs", new TupleValue(args.Positional.Skip(parameters.Count)));
            scope.Set("kwargs", new OrderedDictionary<string, object?>(named, StringComparer.Ordinal));
            return RenderBody(body, scope);
        }
        finally
        {
            _callDepth--;
        }
    }

    /// <summary>Stamps an error with the position of the innermost node that failed; unexpected exceptions become render errors.</summary>
    private static RenderError? Positioned(Exception e, Node node)
    {
        switch (e)
        {
            case RenderError { HasPosition: true }:
                return null;
            case RenderError error:
                error.SetPosition(node.Line, node.Column);
                return null;
            case InsufficientExecutionStackException or TemplateException:
                return null;
            default:
                var wrapped = new RenderError(e.Message, inner: e);
                wrapped.SetPosition(node.Line, node.Column);
                return wrapped;
        }
    }
}
