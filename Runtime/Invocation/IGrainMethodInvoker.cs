namespace Platform.Runtime.Invocation;

/// <summary>Calls a grain method by id with its arguments; generated per grain interface (a switch, no reflection).</summary>
public interface IGrainMethodInvoker
{
    /// <summary>Invokes the method; streaming methods complete with their IAsyncEnumerable.</summary>
    ValueTask<object?> Invoke(object grain, int methodId, object?[] arguments);
}
