using Platform.Grains.Interfaces.Generation;

namespace Platform.Grains.Tests.Support;

/// <summary>Generation jobs the tests send: greedy, fixed length, with a fresh request id.</summary>
internal static class Jobs
{
    public static GenerationJob Greedy(string model, IReadOnlyList<int> promptIds, int maxTokens, string? affinityKey = null) => new()
    {
        RequestId = NewRequestId(),
        Model = model,
        PromptTokenIds = promptIds,
        MaxTokens = maxTokens,
        IgnoreEos = true,
        Sampling = new SamplingSettings { Temperature = 0 },
        AffinityKey = affinityKey,
    };

    public static string NewRequestId() => $"test-{Guid.NewGuid():N}";
}
