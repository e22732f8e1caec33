namespace Platform.Runtime.Grains;

/// <summary>On a grain class: the type name its grain ids carry (default: the class name without a "Grain" suffix, lower-cased).</summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class GrainTypeAttribute(string name) : Attribute
{
    public string Name { get; } = name;
}
