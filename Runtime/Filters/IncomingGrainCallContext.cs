using Platform.Runtime.Invocation;

namespace Platform.Runtime.Filters;

/// <summary>Walks the incoming filter chain, ending in the generated invoker.</summary>
internal sealed class IncomingGrainCallContext(
    IIncomingGrainCallFilter[] filters, object grain, GrainId targetId, GrainMethodDescriptor method, object?[] arguments)
    : IIncomingGrainCallContext
{
    private int next;

    public object Grain { get; } = grain;
    public GrainId TargetId { get; } = targetId;
    public GrainMethodDescriptor Method { get; } = method;
    public object?[] Arguments { get; } = arguments;
    public object? Result { get; set; }

    public async Task Invoke()
    {
        if (next < filters.Length)
        {
            await filters[next++].Invoke(this);
            return;
        }
        Result = await Method.Invoker.Invoke(Grain, Method.Id, Arguments);
    }
}
