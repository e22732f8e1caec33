using Platform.Runtime.Grains;

namespace Platform.Runtime.Tests.Filters;

public interface IContextGrain : IGrainWithGuidKey
{
    Task<string?> ReadValue(string key);

    /// <summary>Sets a value in its own RequestContext, then asks <paramref name="next"/> to read it.</summary>
    Task<string?> SetAndForward(string key, string value, Guid next);

    Task<int> Add(int left, int right);

    ValueTask Touch();
}

public sealed class ContextGrain : Grain, IContextGrain
{
    public Task<string?> ReadValue(string key) => Task.FromResult((string?)RequestContext.Get(key));

    public Task<string?> SetAndForward(string key, string value, Guid next)
    {
        RequestContext.Set(key, value);
        return GrainFactory.GetGrain<IContextGrain>(next).ReadValue(key);
    }

    public Task<int> Add(int left, int right) => Task.FromResult(left + right);

    public ValueTask Touch() => ValueTask.CompletedTask;
}
