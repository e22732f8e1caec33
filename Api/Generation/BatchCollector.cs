using Platform.Api.Errors;
using Platform.Api.OpenAI.Errors;
using Platform.Api.OpenAI.Responses;

namespace Platform.Api.Generation;

/// <summary>Reads a whole batch for a non-streamed answer: every choice's text, logprobs and finish reason, and the usage.</summary>
internal static class BatchCollector
{
    /// <summary>The choices by index and the usage, or the error of the first generation that failed.</summary>
    public static async Task<(ChoiceResult[] Choices, CompletionUsage Usage, ApiError? Error)> CollectAsync(GenerationBatch batch, CancellationToken ct)
    {
        var results = new ChoiceResult[batch.Choices.Count];
        for (var i = 0; i < results.Length; i++)
            results[i] = new ChoiceResult();
        var usage = new UsageTally();
        await foreach (var (choice, chunk) in batch.ReadAsync(ct).ConfigureAwait(false))
        {
            if (chunk.Error is { } error)
                return (results, usage.ToUsage(), PlatformErrors.From(error));
            var result = results[choice.Plan.Index];
            result.Add(chunk);
            if (chunk.IsFinal)
                usage.Add(choice, chunk.Usage, result.GeneratedTokens);
        }
        return (results, usage.ToUsage(), null);
    }
}
