namespace Platform.Engine.Templates.Runtime;

/// <summary>A level of variable bindings: globals, the render context, a loop body or a macro call.</summary>
internal sealed class Scope(Scope? parent)
{
    private readonly Dictionary<string, object?> _variables = new(StringComparer.Ordinal);

    public object? Lookup(string name)
    {
        for (var scope = this; scope is not null; scope = scope.Parent)
            if (scope._variables.TryGetValue(name, out var value))
                return value;
        return Undefined.Name(name);
    }

    public void Set(string name, object? value) => _variables[name] = value;

    public Scope? Parent { get; } = parent;
}
