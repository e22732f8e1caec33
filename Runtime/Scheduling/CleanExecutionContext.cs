namespace Platform.Runtime.Scheduling;

/// <summary>An execution context with no async-local values, so a turn run on a caller's thread sees none of the caller's ambient state.</summary>
internal static class CleanExecutionContext
{
    public static readonly ExecutionContext Instance = Capture();

    private static ExecutionContext Capture()
    {
        ExecutionContext? captured = null;
        // A thread started without flowing the context has the default (empty) one.
        var thread = new Thread(() => captured = ExecutionContext.Capture());
        thread.UnsafeStart();
        thread.Join();
        return captured!;
    }
}
