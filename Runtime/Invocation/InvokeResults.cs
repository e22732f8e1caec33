namespace Platform.Runtime.Invocation;

/// <summary>Adapts a grain method's typed task to the invoker's untyped result; used by generated invokers.</summary>
public static class InvokeResults
{
    public static ValueTask<object?> From(Task task) =>
        task.IsCompletedSuccessfully ? default : AwaitVoid(task);

    public static ValueTask<object?> From<T>(Task<T> task) =>
        task.IsCompletedSuccessfully ? new ValueTask<object?>(task.Result) : AwaitTyped(task);

    public static ValueTask<object?> From(ValueTask task) =>
        task.IsCompletedSuccessfully ? default : AwaitVoid(task.AsTask());

    public static ValueTask<object?> From<T>(ValueTask<T> task) =>
        task.IsCompletedSuccessfully ? new ValueTask<object?>(task.Result) : AwaitTyped(task.AsTask());

    public static ValueTask<object?> FromStream<T>(IAsyncEnumerable<T> stream) => new(stream);

    public static NotSupportedException UnknownMethod(Type interfaceType, int methodId) =>
        new($"Grain interface {interfaceType.FullName} has no method with id {methodId}.");

    private static async ValueTask<object?> AwaitVoid(Task task)
    {
        await task;
        return null;
    }

    private static async ValueTask<object?> AwaitTyped<T>(Task<T> task) => await task;
}
