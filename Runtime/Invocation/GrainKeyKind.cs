namespace Platform.Runtime.Invocation;

/// <summary>Which key marker a grain interface derives from.</summary>
public enum GrainKeyKind
{
    String,
    Guid,
    Integer,
}
