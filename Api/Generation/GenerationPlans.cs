using Platform.Api.OpenAI.Errors;
using Platform.Api.OpenAI.Requests;
using Platform.Api.OpenAI.Validation;
using Platform.Grains.Interfaces.Generation;
using Platform.Grains.Interfaces.Sessions;

namespace Platform.Api.Generation;

/// <summary>Turns validated OpenAI requests into the generation jobs (or session turns) behind their choices.</summary>
internal static class GenerationPlans
{
    /// <summary>The n choices of a stateless chat request; each is a job with its own request id (and seed + i).</summary>
    public static IReadOnlyList<PlannedChoice> ForChat(ChatCompletionRequest request, string responseId, string tenant)
    {
        var messages = Messages(request.Messages!);
        var tools = ToolCallPlans.Of(request);
        var forced = ToolCallPlans.Constraint(request);
        var logprobs = request.Logprobs == true ? request.TopLogprobs ?? 0 : (int?)null;
        return Enumerable.Range(0, request.N ?? 1).Select(i =>
        {
            var job = Job(request, $"{responseId}-{i}", i, logprobs, tenant) with { Messages = messages, Group = responseId, Tools = tools };
            if (forced is not null)
                job = job with { OutputConstraint = forced };
            return new PlannedChoice(i, 0, job.RequestId, grains => RoutedGeneration.RunAsync(grains, job));
        }).ToList();
    }

    /// <summary>
    /// The single choice of a chat turn sent to the tenant's session <paramref name="sessionId"/>; <see cref="ChatCompletionRequest.Messages"/>
    /// are only the new ones.
    /// </summary>
    public static IReadOnlyList<PlannedChoice> ForSession(ChatCompletionRequest request, string responseId, string tenant, string sessionId)
    {
        var logprobs = request.Logprobs == true ? request.TopLogprobs ?? 0 : (int?)null;
        var job = Job(request, $"{responseId}-0", 0, logprobs, tenant);
        var turn = new SessionTurn(job.RequestId, job.Model, Messages(request.Messages!), job.MaxTokens, job.Stop, job.Sampling)
        {
            StopTokenIds = job.StopTokenIds,
            IgnoreEos = job.IgnoreEos,
            CacheSalt = job.CacheSalt,
        };
        var key = SessionKeys.For(tenant, sessionId);
        return [new PlannedChoice(0, 0, job.RequestId, grains => grains.GetGrain<ISessionGrain>(key).Chat(turn))];
    }

    /// <summary>Every prompt × n choice of a completion request; choice index = prompt index × n + i.</summary>
    public static IReadOnlyList<PlannedChoice> ForCompletion(CompletionRequest request, string responseId, string tenant)
    {
        var n = request.N ?? 1;
        var prompt = request.Prompt!;
        var plans = new List<PlannedChoice>(prompt.Count * n);
        for (var p = 0; p < prompt.Count; p++)
        {
            for (var i = 0; i < n; i++)
            {
                var index = p * n + i;
                var job = Job(request, $"{responseId}-{index}", i, request.Logprobs, tenant) with
                {
                    Group = responseId,
                    PromptText = prompt.Texts?[p],
                    PromptTokenIds = prompt.TokenIds?[p],
                };
                plans.Add(new PlannedChoice(index, p, job.RequestId, grains => RoutedGeneration.RunAsync(grains, job)));
            }
        }
        return plans;
    }

    static GenerationJob Job(GenerationRequest request, string requestId, int choice, int? logprobs, string tenant) => new()
    {
        RequestId = requestId,
        Model = request.Model!,
        Tenant = tenant,
        CacheSalt = request.CacheSalt,
        MaxTokens = request.MaxOutputTokens,
        Stop = request.Stop?.Values ?? [],
        StopTokenIds = request.StopTokenIdValues,
        IgnoreEos = request.IgnoreEos == true,
        AffinityKey = request.PromptCacheKey is { Length: > 0 } key ? $"cache-key:{key}" : null,
        Sampling = Sampling(request, choice, logprobs),
        OutputConstraint = OutputFormatReader.Read(request, out var constraint) is null ? constraint : null,
    };

    /// <summary>The sampling settings of choice <paramref name="choice"/>: a seeded request gives each choice its own seed (seed + i).</summary>
    public static SamplingSettings Sampling(GenerationRequest request, int choice, int? logprobs) => new()
    {
        Temperature = (float)(request.Temperature ?? 1.0),
        TopP = (float)(request.TopP ?? 1.0),
        TopK = Math.Max(0, request.TopK ?? 0),
        MinP = (float)(request.MinP ?? 0.0),
        Seed = request.Seed + choice,
        RepetitionPenalty = (float)(request.RepetitionPenalty ?? 1.0),
        PresencePenalty = (float)(request.PresencePenalty ?? 0.0),
        FrequencyPenalty = (float)(request.FrequencyPenalty ?? 0.0),
        Logprobs = logprobs,
        LogitBias = LogitBias(request.LogitBias),
        MinTokens = request.MinTokens ?? 0,
    };

    // Keys were checked to be token ids by the validator.
    static Dictionary<int, float>? LogitBias(Dictionary<string, double>? bias) =>
        bias is { Count: > 0 } ? bias.ToDictionary(b => int.Parse(b.Key, System.Globalization.CultureInfo.InvariantCulture), b => (float)b.Value) : null;

    /// <summary>Chat messages as grains take them: text parts joined, tool-call-only assistant turns as empty text with their calls.</summary>
    public static IReadOnlyList<ChatMessageData> Messages(IReadOnlyList<ChatMessage> messages) =>
        messages.Select(m => new ChatMessageData(m.Role!, m.Content?.ToPlainText() ?? "", m.Name, ToolCallPlans.Calls(m.ToolCalls), m.ToolCallId)).ToList();
}
