namespace Platform.Runtime.Scheduling;

/// <summary>Starts work on an activation's scheduler without the caller's execution context (the callee gets only the RequestContext it is sent).</summary>
internal static class TurnStarter
{
    public static void Start(ActivationTaskScheduler scheduler, Func<object?, Task> work, object? state) =>
        scheduler.RunOrQueue(WithoutFlow((work, state), static s =>
            new Task<Task>(s.work, s.state, CancellationToken.None, TaskCreationOptions.DenyChildAttach)));

    /// <summary>Runs <paramref name="create"/> with execution-context flow suppressed (timers and tasks it creates capture nothing).</summary>
    public static TResult WithoutFlow<TState, TResult>(TState state, Func<TState, TResult> create)
    {
        if (ExecutionContext.IsFlowSuppressed())
            return create(state);
        using (ExecutionContext.SuppressFlow())
            return create(state);
    }
}
