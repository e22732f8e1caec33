using Microsoft.Extensions.Options;
using Platform.Runtime.Activation;
using Platform.Runtime.GrainDirectory;
using Platform.Runtime.Filters;
using Platform.Runtime.Hosting;
using Platform.Runtime.Invocation;
using Platform.Runtime.Membership;
using Platform.Runtime.Placement;
using Platform.Runtime.Scheduling;

namespace Platform.Runtime.Messaging;

/// <summary>Sends calls made through grain references: outgoing filters, routing to the hosting silo, and the call timeout.</summary>
internal sealed class GrainCallDispatcher
{
    private readonly ActivationCatalog catalog;
    private readonly IGrainDirectory directory;
    private readonly IPlacementDirector placement;
    private readonly IClusterMembership membership;
    private readonly IGrainCallTransport transport;
    private readonly IOutgoingGrainCallFilter[] outgoingFilters;
    private readonly TimeSpan callTimeout;

    public GrainCallDispatcher(
        ActivationCatalog catalog,
        IGrainDirectory directory,
        IPlacementDirector placement,
        IClusterMembership membership,
        IGrainCallTransport transport,
        IEnumerable<IOutgoingGrainCallFilter> outgoingFilters,
        IOptions<GrainRuntimeOptions> options)
    {
        this.catalog = catalog;
        this.directory = directory;
        this.placement = placement;
        this.membership = membership;
        this.transport = transport;
        this.outgoingFilters = outgoingFilters.ToArray();
        callTimeout = options.Value.CallTimeout;
        catalog.Services.Redirect = call => _ = RedirectAsync(call);
    }

    public Task<object?> InvokeAsync(GrainReference target, GrainMethodDescriptor method, object?[] arguments)
    {
        var call = new GrainCall(target, method, arguments, RequestContext.Export());
        return outgoingFilters.Length == 0 ? SendAsync(call) : InvokeThroughFiltersAsync(call);
    }

    /// <summary>Delivers the call and waits for its response (bounded by the call timeout).</summary>
    public Task<object?> SendAsync(GrainCall call)
    {
        if (call.Target.CachedActivation is { } cached && cached.TryEnqueue(call))
            return AwaitResponseAsync(call.Completion, call, call.TargetId, call.Method, CancellationToken.None);
        call.Target.CachedActivation = null;
        var delivery = DeliverAsync(call);
        return delivery.IsCompletedSuccessfully
            ? AwaitResponseAsync(call.Completion, call, call.TargetId, call.Method, CancellationToken.None)
            : SendAfterDeliveryAsync(delivery, call);
    }

    /// <summary>Runs one step of a stream enumeration at the activation that owns the enumerator.</summary>
    public Task<bool> RunStreamStepAsync(GrainActivation activation, GrainStreamStep step, GrainId grainId, GrainMethodDescriptor method, CancellationToken cancellationToken)
    {
        if (!activation.TryEnqueue(step))
            throw new InvalidOperationException($"Grain {grainId} deactivated while {method.FullName} was being enumerated.");
        return AwaitResponseAsync(step.Completion, step, grainId, method, cancellationToken);
    }

    private async Task<object?> InvokeThroughFiltersAsync(GrainCall call)
    {
        var context = new OutgoingGrainCallContext(outgoingFilters, this, call);
        await context.Invoke();
        return context.Result;
    }

    private async Task<object?> SendAfterDeliveryAsync(ValueTask delivery, GrainCall call)
    {
        await delivery;
        return await AwaitResponseAsync(call.Completion, call, call.TargetId, call.Method, CancellationToken.None);
    }

    private async ValueTask DeliverAsync(GrainCall call)
    {
        if (catalog.TryDeliverToExisting(call))
            return;
        var address = await directory.LookupAsync(call.TargetId);
        var silo = address?.Silo ?? placement.Place(call.TargetId, membership);
        await transport.SendAsync(silo, call);
    }

    private async Task RedirectAsync(GrainCall call)
    {
        try
        {
            call.Target.CachedActivation = null;
            await DeliverAsync(call);
        }
        catch (Exception exception)
        {
            call.Fail(exception);
        }
    }

    // A call to an idle local activation usually completed on this thread already: no timer, no state machine.
    private Task<T> AwaitResponseAsync<T>(Task<T> response, GrainWorkItem item, GrainId grainId, GrainMethodDescriptor method, CancellationToken cancellationToken) =>
        response.IsCompleted ? response : AwaitPendingResponseAsync(response, item, grainId, method, cancellationToken);

    private async Task<T> AwaitPendingResponseAsync<T>(Task<T> response, GrainWorkItem item, GrainId grainId, GrainMethodDescriptor method, CancellationToken cancellationToken)
    {
        try
        {
            return await response.WaitAsync(callTimeout, cancellationToken);
        }
        // The wait's own exceptions are fresh; the response's exception (a grain may throw these types too) is passed on as is.
        catch (TimeoutException timeout) when (!IsResponseException(response, timeout))
        {
            item.Abandon();
            throw new GrainCallTimeoutException(grainId, method.FullName, callTimeout);
        }
        catch (OperationCanceledException cancelled) when (!IsResponseException(response, cancelled) && cancellationToken.IsCancellationRequested)
        {
            item.Abandon();
            throw;
        }
    }

    private static bool IsResponseException(Task response, Exception exception) =>
        response.IsCompleted && (response.IsCanceled || response.Exception?.InnerException == exception);
}
