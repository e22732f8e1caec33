using System.Collections.Concurrent;
using Platform.Runtime.Filters;

namespace Platform.Runtime.Tests.Filters;

/// <summary>Records every call an incoming or outgoing filter saw: direction, target, method, arguments and result.</summary>
public sealed class CallLog
{
    public ConcurrentQueue<string> Calls { get; } = new();
}

public sealed class RecordingIncomingFilter(CallLog log) : IIncomingGrainCallFilter
{
    public async Task Invoke(IIncomingGrainCallContext context)
    {
        await context.Invoke();
        log.Calls.Enqueue($"in {context.Grain.GetType().Name} {context.InterfaceType.Name}.{context.MethodName}({string.Join(",", context.Arguments)})={context.Result}");
    }
}

public sealed class RecordingOutgoingFilter(CallLog log) : IOutgoingGrainCallFilter
{
    public async Task Invoke(IOutgoingGrainCallContext context)
    {
        await context.Invoke();
        log.Calls.Enqueue($"out {context.TargetId.Type} {context.MethodName}({string.Join(",", context.Arguments)})={context.Result}");
    }
}

/// <summary>Doubles the result of Add calls, proving a filter can replace a result.</summary>
public sealed class DoublingFilter : IIncomingGrainCallFilter
{
    public async Task Invoke(IIncomingGrainCallContext context)
    {
        await context.Invoke();
        if (context.MethodName == "Add")
            context.Result = (int)context.Result! * 2;
    }
}
