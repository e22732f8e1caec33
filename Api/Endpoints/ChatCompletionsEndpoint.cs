using System.Text.Json.Serialization.Metadata;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Platform.Api.Generation;
using Platform.Api.OpenAI;
using Platform.Api.Tenants;
using Platform.Api.OpenAI.Errors;
using Platform.Api.OpenAI.Requests;
using Platform.Api.OpenAI.Responses;
using Platform.Api.OpenAI.Streaming;
using Platform.Api.OpenAI.Validation;
using Platform.Grains.Interfaces.Generation;

namespace Platform.Api.Endpoints;

/// <summary>`POST /v1/chat/completions`: stateless, or a session's next turn when `X-Session-Id` is sent; whole or streamed.</summary>
public static class ChatCompletionsEndpoint
{
    public const string Path = "/v1/chat/completions";

    /// <summary>The header that routes a chat request to a session; its messages are then only the new turn.</summary>
    public const string SessionHeader = "X-Session-Id";

    public static IEndpointRouteBuilder MapChatCompletions(this IEndpointRouteBuilder routes)
    {
        routes.MapPost(Path, new Handler().HandleAsync);
        return routes;
    }

    static string SessionId(HttpContext http) => http.Request.Headers[SessionHeader].ToString();

    /// <summary>What chat adds to the shared generation handler: sessions, and chat's response and chunk shapes.</summary>
    sealed class Handler : GenerationEndpoint<ChatCompletionRequest>
    {
        static readonly JsonTypeInfo<ChatCompletionChunk> ChunkInfo =
            OpenAIJsonContext.Default.ChatCompletionChunk;

        protected override GenerationRequestValidator<ChatCompletionRequest> Validator => ChatRequestValidator.Instance;

        protected override ApiError? Refuse(HttpContext http, ChatCompletionRequest request) =>
            SessionId(http) is not { Length: > 0 } sessionId ? null
            : SessionIds.Refuse(sessionId, SessionHeader) is { } invalid ? invalid
            : request.N > 1 ? ApiError.InvalidRequest("n", $"A session turn ({SessionHeader}) has exactly one reply; n must be 1.", "invalid_value")
            : ToolCallPlans.UsesTools(request) ? ApiError.Unsupported("tools", $"tool calling in a session ({SessionHeader}) is not implemented; send the whole conversation without the header")
            : OutputFormatReader.Read(request, out var constraint) is null && constraint is not null
                ? ApiError.Unsupported(constraint.Param.Split('.')[0], "structured outputs are not applied to session turns; send the conversation without a session")
            : null;

        protected override string NewResponseId() => ResponseIds.NewChatCompletionId();

        // Every turn of a session goes to one version: its stored tokens are that model's.
        protected override string VersionSeed(HttpContext http, string responseId) =>
            SessionId(http) is { Length: > 0 } sessionId ? $"session:{http.Tenant().Id}/{sessionId}" : responseId;

        protected override IReadOnlyList<PlannedChoice> Plan(HttpContext http, ChatCompletionRequest request, string responseId) =>
            SessionId(http) is { Length: > 0 } sessionId
                ? GenerationPlans.ForSession(request, responseId, http.Tenant().Id, sessionId)
                : GenerationPlans.ForChat(request, responseId, http.Tenant().Id);

        protected override Task WriteAnswerAsync(HttpContext http, Reply reply, ChoiceResult[] choices, CompletionUsage usage) =>
            http.WriteJsonAsync(new ChatCompletionResponse
            {
                Id = reply.Id,
                Created = reply.Created,
                Model = reply.Model,
                Choices = choices.Select((c, i) => new ChatChoice
                {
                    Index = i,
                    Message = new ChatResponseMessage
                    {
                        Content = c.ToolCalls.Count > 0 && c.Text.Length == 0 ? null : c.Text,
                        ToolCalls = c.ToolCalls.ToResponse(),
                    },
                    Logprobs = reply.Request.Logprobs == true ? LogprobShapes.Chat(c.Logprobs) : null,
                    FinishReason = c.FinishReason!,
                }).ToList(),
                Usage = usage,
            }, OpenAIJsonContext.Default.ChatCompletionResponse);

        protected override async Task WriteStreamStartAsync(SseWriter sse, Reply reply, IReadOnlyList<RunningChoice> choices, CancellationToken ct)
        {
            foreach (var choice in choices)
                await sse.WriteEventAsync(ChatCompletionChunk.RoleAnnouncement(reply.Id, reply.Created, reply.Model, choice.Plan.Index), ChunkInfo, ct);
        }

        // Chat sends the finish reason in a chunk of its own, after the last text.
        protected override async Task WriteStreamChunkAsync(SseWriter sse, Reply reply, int index, TokenChunk chunk, int textOffset, CancellationToken ct)
        {
            var logprobs = reply.Request.Logprobs == true && chunk.Logprobs is { Count: > 0 } tokens ? LogprobShapes.Chat(tokens) : null;
            if (chunk.Text.Length > 0 || logprobs is not null)
                await sse.WriteEventAsync(ChatCompletionChunk.Text(reply.Id, reply.Created, reply.Model, index, chunk.Text, logprobs), ChunkInfo, ct);
            if (chunk.ToolCalls is { Count: > 0 } calls)
                await sse.WriteEventAsync(ChatCompletionChunk.ToolCalls(reply.Id, reply.Created, reply.Model, index, ToolCallShapes.Deltas(calls)), ChunkInfo, ct);
            if (chunk.FinishReason is { } finish)
                await sse.WriteEventAsync(ChatCompletionChunk.Finish(reply.Id, reply.Created, reply.Model, index, finish), ChunkInfo, ct);
        }

        protected override Task WriteStreamUsageAsync(SseWriter sse, Reply reply, CompletionUsage usage, CancellationToken ct) =>
            sse.WriteEventAsync(ChatCompletionChunk.UsageOnly(reply.Id, reply.Created, reply.Model, usage), ChunkInfo, ct).AsTask();
    }
}
