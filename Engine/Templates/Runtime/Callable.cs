namespace Platform.Engine.Templates.Runtime;

/// <summary>A function a template can call: a global, a bound method, a macro, or a call block's <c>caller</c>.</summary>
internal sealed class Callable(string name, Func<CallArguments, object?> invoke)
{
    public string Name { get; } = name;

    public object? Invoke(CallArguments args) => invoke(args);
}
