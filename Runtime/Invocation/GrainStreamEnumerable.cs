namespace Platform.Runtime.Invocation;

/// <summary>The caller's side of an IAsyncEnumerable grain method: each enumeration starts one call and then one grain turn per item.</summary>
internal sealed class GrainStreamEnumerable<T>(GrainReference reference, GrainMethodDescriptor method, object?[] arguments) : IAsyncEnumerable<T>
{
    public IAsyncEnumerator<T> GetAsyncEnumerator(CancellationToken cancellationToken = default) =>
        new GrainStreamEnumerator<T>(reference, method, (object?[])arguments.Clone(), cancellationToken);
}
