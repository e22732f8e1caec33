namespace Platform.Engine.Templates.Runtime;

/// <summary>Jinja's undefined value: prints as nothing, is falsy, iterates empty, and fails on any other use with its reason.</summary>
internal sealed class Undefined(string reason)
{
    /// <summary>Why the value is undefined, e.g. <c>'foo' is undefined</c>.</summary>
    public string Reason { get; } = reason;

    public RenderError Fail() => new(Reason);

    public static Undefined Name(string name) => new($"'{name}' is undefined");

    public static Undefined Attribute(object? owner, string name) =>
        new($"'{Values.TypeName(owner)} object' has no attribute '{name}'");
}
