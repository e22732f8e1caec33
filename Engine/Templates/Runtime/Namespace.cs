namespace Platform.Engine.Templates.Runtime;

/// <summary>The object <c>namespace()</c> returns: the one value whose attributes a template may assign across scopes.</summary>
internal sealed class Namespace
{
    public OrderedDictionary<string, object?> Attributes { get; } = new(StringComparer.Ordinal);
}
