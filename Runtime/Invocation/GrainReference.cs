using Platform.Runtime.Activation;

namespace Platform.Runtime.Invocation;

/// <summary>Base of every generated grain proxy: a grain's identity (type + key), never its address.</summary>
public abstract class GrainReference : IEquatable<GrainReference>
{
    protected GrainReference(GrainReferenceShared shared, GrainId grainId)
    {
        Shared = shared;
        GrainId = grainId;
    }

    public GrainId GrainId { get; }

    internal GrainReferenceShared Shared { get; }

    /// <summary>The local activation the last call reached; reused while it accepts work, so calls skip the catalog lookup.</summary>
    internal GrainActivation? CachedActivation { get; set; }

    protected async Task<T> InvokeAsync<T>(GrainMethodDescriptor method, object?[] arguments) =>
        (T)(await Shared.Dispatcher.InvokeAsync(this, method, arguments))!;

    protected Task InvokeVoidAsync(GrainMethodDescriptor method, object?[] arguments) =>
        Shared.Dispatcher.InvokeAsync(this, method, arguments);

    protected IAsyncEnumerable<T> InvokeStream<T>(GrainMethodDescriptor method, object?[] arguments) =>
        new GrainStreamEnumerable<T>(this, method, arguments);

    public bool Equals(GrainReference? other) => other is not null && GrainId == other.GrainId;

    public override bool Equals(object? obj) => obj is GrainReference other && Equals(other);

    public override int GetHashCode() => GrainId.GetHashCode();

    public override string ToString() => $"{Shared.Interface.InterfaceType.Name}:{GrainId}";
}
