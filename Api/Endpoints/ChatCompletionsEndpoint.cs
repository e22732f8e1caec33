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

/// <summary>`POST /v1/chat/completions`: stateless, or a session's next turn when `X-Session-Id` is sent; whole or streamed.</summary>
public static class ChatCompletionsEndpoint
{
    public const string Path = "/v1/chat/completions";

    /// <summary>The header that routes a chat request to a session; its messages are then only the new turn.</summary>
    public const string SessionHeader = "X-Session-Id";

    public static IEndpointRouteBuilder MapChatCompletions(this IEndpointRouteBuilder routes)
    {
        routes.MapPost(Path, HandleAsync);
        return routes;
    }

    static async Task HandleAsync(HttpContext http)
    {
        var api = http.RequestServices.GetRequiredService<ApiServices>();
        var ct = http.RequestAborted;
        var sessionId = http.Request.Headers[SessionHeader].ToString();
        var request = await http.ReadForModelAsync(api, ChatRequestValidator.ValidateAsync, r => r.Model!, r =>
            GenerationPlans.Unsupported(r)
            ?? (sessionId.Length > 0 && r.N > 1
                ? ApiError.InvalidRequest("n", $"A session turn ({SessionHeader}) has exactly one reply; n must be 1.", "invalid_value")
                : null));
        if (request is null)
            return;
        var id = ResponseIds.NewChatCompletionId();
        var plan = sessionId.Length > 0 ? GenerationPlans.ForSession(request, id, sessionId) : GenerationPlans.ForChat(request, id);
        await using var batch = await api.StartAsync(plan, ct);
        var created = ResponseIds.UnixNow();
        if (request.IsStreaming)
            await StreamAsync(http, api, batch, request, id, created);
        else
            await AnswerAsync(http, batch, request, id, created);
    }

    static async Task AnswerAsync(HttpContext http, GenerationBatch batch, ChatCompletionRequest request, string id, long created)
    {
        var (choices, usage, error) = await BatchCollector.CollectAsync(batch, http.RequestAborted);
        if (error is not null)
        {
            await http.WriteErrorAsync(error);
            return;
        }
        var response = new ChatCompletionResponse
        {
            Id = id,
            Created = created,
            Model = request.Model!,
            Choices = choices.Select((c, i) => new ChatChoice
            {
                Index = i,
                Message = new ChatResponseMessage { Content = c.Text },
                Logprobs = request.Logprobs == true ? LogprobShapes.Chat(c.Logprobs) : null,
                FinishReason = c.FinishReason!,
            }).ToList(),
            Usage = usage,
        };
        await http.WriteJsonAsync(response, OpenAIJsonContext.Default.ChatCompletionResponse);
    }

    static async Task StreamAsync(HttpContext http, ApiServices api, GenerationBatch batch, ChatCompletionRequest request, string id, long created)
    {
        var ct = http.RequestAborted;
        var model = request.Model!;
        var info = OpenAIJsonContext.Default.ChatCompletionChunk;
        using var sse = SseWriter.Start(http.Response);
        await StreamFailures.GuardAsync(sse, api.Logger, id, ct, async () =>
        {
            foreach (var choice in batch.Choices)
                await sse.WriteEventAsync(ChatCompletionChunk.RoleAnnouncement(id, created, model, choice.Plan.Index), info, ct);
            var usage = new UsageTally();
            var generated = new int[batch.Choices.Count];
            await foreach (var (choice, chunk) in batch.ReadAsync(ct))
            {
                if (chunk.Error is { } error)
                    return PlatformErrors.From(error);
                var index = choice.Plan.Index;
                generated[index] += chunk.TokenIds.Count;
                var logprobs = request.Logprobs == true && chunk.Logprobs is { Count: > 0 } tokens ? LogprobShapes.Chat(tokens) : null;
                if (chunk.Text.Length > 0 || logprobs is not null)
                    await sse.WriteEventAsync(ChatCompletionChunk.Text(id, created, model, index, chunk.Text, logprobs), info, ct);
                if (chunk.FinishReason is { } finish)
                {
                    usage.Add(choice, chunk.Usage, generated[index]);
                    await sse.WriteEventAsync(ChatCompletionChunk.Finish(id, created, model, index, finish), info, ct);
                }
            }
            if (request.IncludeStreamUsage)
                await sse.WriteEventAsync(ChatCompletionChunk.UsageOnly(id, created, model, usage.ToUsage()), info, ct);
            return null;
        });
    }
}
