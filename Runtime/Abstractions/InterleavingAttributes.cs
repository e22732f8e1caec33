namespace Platform.Runtime;

/// <summary>On a grain interface method: its calls may run while any other turn of the activation is in progress.</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class AlwaysInterleaveAttribute : Attribute;

/// <summary>On a grain interface method: it does not change grain state, so its turns may interleave with each other (never with writers).</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class ReadOnlyAttribute : Attribute;
