namespace Platform.Runtime;

/// <summary>A grain's identity: its type name and its key, rendered as a string ("type/key").</summary>
public readonly record struct GrainId(string Type, string Key)
{
    public override string ToString() => $"{Type}/{Key}";
}
