using Platform.Runtime.Activation;
using Platform.Runtime.Filters;
using Platform.Runtime.Invocation;
using Platform.Runtime.Scheduling;

namespace Platform.Runtime.Messaging;

/// <summary>One grain method call in flight: target, method, arguments, the caller's RequestContext, and the response.</summary>
public sealed class GrainCall : GrainWorkItem
{
    private readonly TaskCompletionSource<object?> completion = new(TaskCreationOptions.RunContinuationsAsynchronously);

    internal GrainCall(GrainReference target, GrainMethodDescriptor method, object?[] arguments, IReadOnlyDictionary<string, object?>? requestContext)
        : base(method.IsReadOnly, method.IsAlwaysInterleave)
    {
        Target = target;
        Method = method;
        Arguments = arguments;
        RequestContextValues = requestContext;
    }

    public GrainId TargetId => Target.GrainId;
    public GrainMethodDescriptor Method { get; }
    public object?[] Arguments { get; }

    /// <summary>The caller's RequestContext values (an immutable snapshot).</summary>
    public IReadOnlyDictionary<string, object?>? RequestContextValues { get; }

    internal GrainReference Target { get; }
    internal Task<object?> Completion => completion.Task;

    internal override bool CanMoveToNewActivation => true;

    internal override async Task ExecuteAsync(GrainActivation activation)
    {
        RequestContext.Import(RequestContextValues);
        try
        {
            var filters = activation.Services.IncomingFilters;
            object? result;
            if (filters.Length == 0)
            {
                result = await Method.Invoker.Invoke(activation.Instance!, Method.Id, Arguments);
            }
            else
            {
                var context = new IncomingGrainCallContext(filters, activation.Instance!, TargetId, Method, Arguments);
                await context.Invoke();
                result = context.Result;
            }
            // A stream is enumerated at the activation that created it, so the caller learns which one that was.
            if ((Method.Flags & GrainMethodFlags.Streaming) != 0)
                result = new GrainStreamSession(activation, result!);
            completion.TrySetResult(result);
        }
        catch (Exception exception)
        {
            completion.TrySetException(exception);
        }
    }

    internal override void Fail(Exception exception) => completion.TrySetException(exception);

    public override string ToString() => $"{Method.FullName} on {TargetId}";
}
