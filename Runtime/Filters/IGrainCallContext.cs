using Platform.Runtime.Invocation;

namespace Platform.Runtime.Filters;

/// <summary>One grain call as a filter sees it; <see cref="Invoke"/> runs the rest of the filter chain and the call.</summary>
public interface IGrainCallContext
{
    GrainId TargetId { get; }

    GrainMethodDescriptor Method { get; }

    Type InterfaceType => Method.InterfaceType;

    /// <summary>The interface method's name.</summary>
    string MethodName => Method.Name;

    object?[] Arguments { get; }

    /// <summary>The call's result once <see cref="Invoke"/> completed (null for Task/ValueTask methods); a filter may replace it.</summary>
    object? Result { get; set; }

    Task Invoke();
}

/// <summary>A call arriving at a grain activation, seen inside the callee's turn.</summary>
public interface IIncomingGrainCallContext : IGrainCallContext
{
    /// <summary>The grain instance the call runs on.</summary>
    object Grain { get; }
}

/// <summary>A call leaving a caller (grain or client), seen before it is sent.</summary>
public interface IOutgoingGrainCallContext : IGrainCallContext;
