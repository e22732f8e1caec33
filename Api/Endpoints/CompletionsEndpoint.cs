using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Platform.Api.Generation;
using Platform.Api.OpenAI;
using Platform.Api.OpenAI.Requests;
using Platform.Api.OpenAI.Responses;
using Platform.Api.OpenAI.Streaming;
using Platform.Api.OpenAI.Validation;
using Platform.Api.Tenants;
using Platform.Grains.Interfaces.Generation;

namespace Platform.Api.Endpoints;

/// <summary>`POST /v1/completions`: legacy text completions of one or more prompts (text or token ids), n each; whole or streamed.</summary>
public static class CompletionsEndpoint
{
    public const string Path = "/v1/completions";

    public static IEndpointRouteBuilder MapCompletions(this IEndpointRouteBuilder routes)
    {
        routes.MapPost(Path, new Handler().HandleAsync);
        return routes;
    }

    /// <summary>What legacy completions add to the shared generation handler: prompts, and their response shape.</summary>
    sealed class Handler : GenerationEndpoint<CompletionRequest>
    {
        protected override GenerationRequestValidator<CompletionRequest> Validator => CompletionRequestValidator.Instance;

        protected override string NewResponseId() => ResponseIds.NewCompletionId();

        protected override IReadOnlyList<PlannedChoice> Plan(HttpContext http, CompletionRequest request, string responseId) =>
            GenerationPlans.ForCompletion(request, responseId, http.Tenant().Id);

        protected override Task WriteAnswerAsync(HttpContext http, Reply reply, ChoiceResult[] choices, CompletionUsage usage) =>
            http.WriteJsonAsync(Response(reply, choices.Select((c, i) => new CompletionChoice
            {
                Index = i,
                Text = c.Text,
                Logprobs = reply.Request.Logprobs is null ? null : LogprobShapes.Completion(c.Logprobs, c.TextOffsets),
                FinishReason = c.FinishReason,
            }).ToList(), usage), OpenAIJsonContext.Default.CompletionResponse);

        // The final chunk carries its last text and the finish reason together, as OpenAI's do.
        protected override Task WriteStreamChunkAsync(SseWriter sse, Reply reply, int index, TokenChunk chunk, int textOffset, CancellationToken ct)
        {
            var logprobs = reply.Request.Logprobs is not null && chunk.Logprobs is { Count: > 0 } tokens
                ? LogprobShapes.Completion(tokens, LogprobShapes.TextOffsets(chunk, textOffset))
                : null;
            if (chunk.Text.Length == 0 && logprobs is null && chunk.FinishReason is null)
                return Task.CompletedTask;
            var update = new CompletionChoice { Index = index, Text = chunk.Text, Logprobs = logprobs, FinishReason = chunk.FinishReason };
            return sse.WriteEventAsync(Response(reply, [update], usage: null), OpenAIJsonContext.Default.CompletionResponse, ct).AsTask();
        }

        protected override Task WriteStreamUsageAsync(SseWriter sse, Reply reply, CompletionUsage usage, CancellationToken ct) =>
            sse.WriteEventAsync(Response(reply, [], usage), OpenAIJsonContext.Default.CompletionResponse, ct).AsTask();

        static CompletionResponse Response(Reply reply, IReadOnlyList<CompletionChoice> choices, CompletionUsage? usage) =>
            new() { Id = reply.Id, Created = reply.Created, Model = reply.Model, Choices = choices, Usage = usage };
    }
}
