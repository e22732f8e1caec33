using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Platform.Api.Errors;
using Platform.Api.Generation;
using Platform.Api.Hosting;
using Platform.Api.OpenAI;
using Platform.Api.OpenAI.Errors;
using Platform.Api.OpenAI.Requests;
using Platform.Api.OpenAI.Responses;
using Platform.Api.OpenAI.Streaming;
using Platform.Api.OpenAI.Validation;

namespace Platform.Api.Endpoints;

/// <summary>`POST /v1/completions`: legacy text completions of one or more prompts (text or token ids), n each; whole or streamed.</summary>
public static class CompletionsEndpoint
{
    public const string Path = "/v1/completions";

    public static IEndpointRouteBuilder MapCompletions(this IEndpointRouteBuilder routes)
    {
        routes.MapPost(Path, HandleAsync);
        return routes;
    }

    static async Task HandleAsync(HttpContext http)
    {
        var api = http.RequestServices.GetRequiredService<ApiServices>();
        var ct = http.RequestAborted;
        var request = await http.ReadForModelAsync(api, CompletionRequestValidator.ValidateAsync, r => r.Model!, GenerationPlans.Unsupported);
        if (request is null)
            return;
        var id = ResponseIds.NewCompletionId();
        await using var batch = await api.StartAsync(GenerationPlans.ForCompletion(request, id), ct);
        var created = ResponseIds.UnixNow();
        if (request.IsStreaming)
            await StreamAsync(http, api, batch, request, id, created);
        else
            await AnswerAsync(http, batch, request, id, created);
    }

    static async Task AnswerAsync(HttpContext http, GenerationBatch batch, CompletionRequest request, string id, long created)
    {
        var (choices, usage, error) = await BatchCollector.CollectAsync(batch, http.RequestAborted);
        if (error is not null)
        {
            await http.WriteErrorAsync(error);
            return;
        }
        var response = new CompletionResponse
        {
            Id = id,
            Created = created,
            Model = request.Model!,
            Choices = choices.Select((c, i) => new CompletionChoice
            {
                Index = i,
                Text = c.Text,
                Logprobs = request.Logprobs is null ? null : LogprobShapes.Completion(c.Logprobs, c.TextOffsets),
                FinishReason = c.FinishReason,
            }).ToList(),
            Usage = usage,
        };
        await http.WriteJsonAsync(response, OpenAIJsonContext.Default.CompletionResponse);
    }

    static async Task StreamAsync(HttpContext http, ApiServices api, GenerationBatch batch, CompletionRequest request, string id, long created)
    {
        var ct = http.RequestAborted;
        var info = OpenAIJsonContext.Default.CompletionResponse;
        using var sse = SseWriter.Start(http.Response);
        await StreamFailures.GuardAsync(sse, api.Logger, id, ct, async () =>
        {
            var usage = new UsageTally();
            var generated = new int[batch.Choices.Count];
            var textLengths = new int[batch.Choices.Count];
            await foreach (var (choice, chunk) in batch.ReadAsync(ct))
            {
                if (chunk.Error is { } error)
                    return PlatformErrors.From(error);
                var index = choice.Plan.Index;
                generated[index] += chunk.TokenIds.Count;
                var logprobs = request.Logprobs is not null && chunk.Logprobs is { Count: > 0 } tokens
                    ? LogprobShapes.Completion(tokens, LogprobShapes.TextOffsets(chunk, textLengths[index]))
                    : null;
                textLengths[index] += chunk.Text.Length;
                if (chunk.FinishReason is not null)
                    usage.Add(choice, chunk.Usage, generated[index]);
                // The final chunk carries its last text and the finish reason together, as OpenAI's do.
                if (chunk.Text.Length == 0 && logprobs is null && chunk.FinishReason is null)
                    continue;
                var update = new CompletionChoice { Index = index, Text = chunk.Text, Logprobs = logprobs, FinishReason = chunk.FinishReason };
                await sse.WriteEventAsync(new CompletionResponse { Id = id, Created = created, Model = request.Model!, Choices = [update] }, info, ct);
            }
            if (request.IncludeStreamUsage)
                await sse.WriteEventAsync(new CompletionResponse { Id = id, Created = created, Model = request.Model!, Choices = [], Usage = usage.ToUsage() }, info, ct);
            return null;
        });
    }
}
