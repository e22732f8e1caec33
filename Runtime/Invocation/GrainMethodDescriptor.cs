namespace Platform.Runtime.Invocation;

/// <summary>How a grain method's turns may interleave and what it returns; generated per interface method.</summary>
[Flags]
public enum GrainMethodFlags
{
    None = 0,
    ReadOnly = 1,
    AlwaysInterleave = 2,
    /// <summary>The method returns IAsyncEnumerable and is enumerated one grain turn per item.</summary>
    Streaming = 4,
}

/// <summary>One grain interface method: its id within the interface's invoker, its name and its scheduling flags.</summary>
public sealed class GrainMethodDescriptor(
    Type interfaceType, int id, string name, GrainMethodFlags flags, IGrainMethodInvoker invoker, int cancellationTokenIndex = -1)
{
    public Type InterfaceType { get; } = interfaceType;
    public int Id { get; } = id;
    public string Name { get; } = name;
    public GrainMethodFlags Flags { get; } = flags;
    public IGrainMethodInvoker Invoker { get; } = invoker;

    /// <summary>Position of the method's CancellationToken parameter, or -1 when it has none.</summary>
    public int CancellationTokenIndex { get; } = cancellationTokenIndex;

    /// <summary>"IInterface.Method", as named in timeouts and filter contexts.</summary>
    public string FullName { get; } = $"{interfaceType.Name}.{name}";

    public bool IsReadOnly => (Flags & GrainMethodFlags.ReadOnly) != 0;
    public bool IsAlwaysInterleave => (Flags & GrainMethodFlags.AlwaysInterleave) != 0;

    public override string ToString() => FullName;
}
