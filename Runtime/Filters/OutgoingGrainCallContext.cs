using Platform.Runtime.Invocation;
using Platform.Runtime.Messaging;

namespace Platform.Runtime.Filters;

/// <summary>Walks the outgoing filter chain, ending in sending the call.</summary>
internal sealed class OutgoingGrainCallContext(IOutgoingGrainCallFilter[] filters, GrainCallDispatcher dispatcher, GrainCall call)
    : IOutgoingGrainCallContext
{
    private int next;

    public GrainId TargetId => call.TargetId;
    public GrainMethodDescriptor Method => call.Method;
    public object?[] Arguments => call.Arguments;
    public object? Result { get; set; }

    public async Task Invoke()
    {
        if (next < filters.Length)
        {
            await filters[next++].Invoke(this);
            return;
        }
        Result = await dispatcher.SendAsync(call);
    }
}
