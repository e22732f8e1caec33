using Platform.Runtime.Activation;
using Platform.Runtime.Scheduling;

namespace Platform.Runtime.Invocation;

/// <summary>One MoveNext or dispose of a grain-side enumerator, run as a turn of the activation that owns it.</summary>
internal sealed class GrainStreamStep(GrainMethodDescriptor method, Func<ValueTask<bool>> step)
    : GrainWorkItem(method.IsReadOnly, method.IsAlwaysInterleave)
{
    private readonly TaskCompletionSource<bool> completion = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public Task<bool> Completion => completion.Task;

    internal override async Task ExecuteAsync(GrainActivation activation)
    {
        try
        {
            completion.TrySetResult(await step());
        }
        catch (Exception exception)
        {
            completion.TrySetException(exception);
        }
    }

    internal override void Fail(Exception exception) => completion.TrySetException(exception);
}
