using Platform.Engine.Generation;
using Platform.Engine.Sampling;
using Platform.Grains.Interfaces.Generation;

namespace Platform.Grains.Models;

/// <summary>Builds the engine's request from a job, validating sampling values the engine would refuse later.</summary>
internal static class SamplingMapper
{
    public static GenerationRequest ToRequest(GenerationJob job, int[] promptIds, bool sharedPrefixCache)
    {
        var s = job.Sampling;
        var sampling = new SamplingParams
        {
            Temperature = s.Temperature,
            TopP = s.TopP,
            TopK = s.TopK,
            MinP = s.MinP,
            Seed = s.Seed,
            RepetitionPenalty = s.RepetitionPenalty,
            PresencePenalty = s.PresencePenalty,
            FrequencyPenalty = s.FrequencyPenalty,
            Logprobs = s.Logprobs,
            LogitBias = s.LogitBias is { Count: > 0 } bias ? bias : null,
            MinTokens = s.MinTokens,
        };
        try
        {
            sampling.Validate();
        }
        catch (ArgumentException error)
        {
            throw new PlatformRequestException(PlatformRequestException.InvalidValue, error.Message);
        }
        return new GenerationRequest
        {
            RequestId = job.RequestId,
            Group = job.Group,
            CacheSalt = PrefixCacheSalt.Of(job, sharedPrefixCache),
            PromptTokenIds = promptIds,
            Sampling = sampling,
            StopConditions = new StopConditions { MaxTokens = job.MaxTokens, Stop = job.Stop, StopTokenIds = job.StopTokenIds, IgnoreEos = job.IgnoreEos },
        };
    }
}
