namespace Platform.Runtime.Generators.Models
{
    /// <summary>A grain interface to emit a proxy and an invoker for.</summary>
    internal sealed record GrainInterfaceModel(
        string FullName, string MetadataName, string KeyKind, EquatableArray<GrainMethodModel> Methods, EquatableArray<DiagnosticModel> Diagnostics);

    /// <summary>One method of a grain interface (own or inherited), with the interface that declares it.</summary>
    internal sealed record GrainMethodModel(
        string DeclaringInterface,
        string Name,
        string ReturnType,
        ReturnKind ReturnKind,
        string? ResultType,
        int Flags,
        int CancellationTokenIndex,
        EquatableArray<GrainParameterModel> Parameters);

    /// <summary>One method parameter: its fully qualified type and its (escaped) name.</summary>
    internal sealed record GrainParameterModel(string Type, string Name);

    /// <summary>What a grain method returns, which decides how the proxy awaits it.</summary>
    internal enum ReturnKind
    {
        Task,
        TaskOfT,
        ValueTask,
        ValueTaskOfT,
        AsyncEnumerable,
    }
}
