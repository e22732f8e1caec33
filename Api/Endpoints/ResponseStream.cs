using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Platform.Api.Audit;
using Platform.Api.Errors;
using Platform.Api.Generation;
using Platform.Api.Hosting;
using Platform.Api.OpenAI;
using Platform.Api.OpenAI.Errors;
using Platform.Api.OpenAI.Responses;
using Platform.Api.OpenAI.Streaming;
using Platform.Api.Telemetry;
using Platform.Grains.Interfaces.Generation;
using Platform.Grains.Interfaces.Responses;

namespace Platform.Api.Endpoints;

/// <summary>
/// Streams one response as the Responses API's named events, numbered in order: created, in_progress, the output
/// message and its text part added, a delta per chunk, the text, part and item done, then completed or incomplete.
/// A failure after the status line ends the stream with an `error` event and `response.failed`.
/// </summary>
internal sealed class ResponseStream
{
    const int OutputIndex = 0;
    const int ContentIndex = 0;

    readonly SseWriter _sse;
    readonly ResponseTurn _turn;
    readonly bool _obfuscate;
    readonly CancellationToken _ct;
    int _sequence;

    ResponseStream(SseWriter sse, ResponseTurn turn, bool obfuscate, CancellationToken ct)
    {
        _sse = sse;
        _turn = turn;
        _obfuscate = obfuscate;
        _ct = ct;
    }

    public static async Task WriteAsync(HttpContext http, ApiServices api, GenerationBatch batch, IResponseGrain grain, ResponseTurn turn, bool obfuscate)
    {
        var ct = http.RequestAborted;
        using var sse = SseWriter.Start(http.Response);
        var stream = new ResponseStream(sse, turn, obfuscate, ct);
        var usage = new UsageTally();
        // The audit record, when kept, reads the streamed text from the same builder.
        var text = http.Features.Get<AuditContent>()?.StartStream(1)[0] ?? new System.Text.StringBuilder();
        ApiError? failure;
        try
        {
            failure = await stream.RunAsync(batch, grain, usage, text);
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            return;
        }
        catch (PlatformRequestException e)
        {
            failure = PlatformErrors.From(e);
        }
        catch (Exception e) when (!ct.IsCancellationRequested)
        {
            api.Logger.LogError(e, "Streaming response {ResponseId} failed", turn.ResponseId);
            failure = ApiError.Internal($"The response failed while streaming ({e.GetType().Name}).");
        }
        if (http.Telemetry() is { } telemetry)
        {
            telemetry.Usage = usage.ToUsage();
            if (failure is not null)
                telemetry.StreamErrorCode = RequestTelemetry.CodeOf(failure);
        }
        if (failure is not null)
            await stream.FailAsync(failure, text.ToString());
    }

    async Task<ApiError?> RunAsync(GenerationBatch batch, IResponseGrain grain, UsageTally usage, System.Text.StringBuilder text)
    {
        var itemId = _turn.MessageId;
        var inProgress = ResponseObjects.InProgress(_turn);
        await Lifecycle("response.created", inProgress);
        await Lifecycle("response.in_progress", inProgress);
        await WriteAsync("response.output_item.added",
            new ResponseOutputItemEvent("response.output_item.added", _sequence++, OutputIndex, ResponseObjects.Message(itemId, "in_progress", "")),
            OpenAIJsonContext.Default.ResponseOutputItemEvent);
        await Part("response.content_part.added", "");
        var generated = 0;
        await foreach (var (choice, chunk) in batch.ReadAsync(_ct))
        {
            if (chunk.Error is { } error)
                return PlatformErrors.From(error);
            generated += chunk.TokenIds.Count;
            if (chunk.Text.Length > 0)
            {
                text.Append(chunk.Text);
                await WriteAsync("response.output_text.delta",
                    new ResponseTextDeltaEvent(_sequence++, itemId, OutputIndex, ContentIndex, chunk.Text, _obfuscate ? StreamObfuscation.For(chunk.Text.Length) : null),
                    OpenAIJsonContext.Default.ResponseTextDeltaEvent);
            }
            if (!chunk.IsFinal)
                continue;
            usage.Add(choice, chunk.Usage, generated);
            if (chunk.FinishReason is not ("stop" or "length"))
                return ApiError.Internal($"The generation ended without finishing ({chunk.FinishReason}).");
            var all = text.ToString();
            var finished = await ResponsesEndpoints.FinishedAsync(grain, _turn, all, chunk.FinishReason, chunk.Usage ?? new TokenUsage(0, generated, 0));
            await WriteAsync("response.output_text.done", new ResponseTextDoneEvent(_sequence++, itemId, OutputIndex, ContentIndex, all),
                OpenAIJsonContext.Default.ResponseTextDoneEvent);
            await Part("response.content_part.done", all);
            await WriteAsync("response.output_item.done",
                new ResponseOutputItemEvent("response.output_item.done", _sequence++, OutputIndex, ResponseObjects.Message(itemId, finished.Status, all)),
                OpenAIJsonContext.Default.ResponseOutputItemEvent);
            await Lifecycle(finished.Status == StoredResponse.Incomplete ? "response.incomplete" : "response.completed", ResponseObjects.Finished(finished));
            return null;
        }
        return ApiError.Internal("The generation ended before its final chunk.");
    }

    /// <summary>The `error` event, then `response.failed` with what was produced; nothing if the client is gone.</summary>
    async Task FailAsync(ApiError error, string text)
    {
        try
        {
            await WriteAsync("error", new ResponseErrorEvent(_sequence++, error.Code, error.Message, error.Param), OpenAIJsonContext.Default.ResponseErrorEvent);
            await Lifecycle("response.failed", ResponseObjects.Failed(_turn, error.Code ?? error.Type, error.Message, text));
        }
        catch (Exception e) when (e is OperationCanceledException or IOException && _ct.IsCancellationRequested)
        {
            // The client disconnected while the stream was closing.
        }
    }

    Task Lifecycle(string type, ResponseObject response) =>
        WriteAsync(type, new ResponseLifecycleEvent(type, _sequence++, response), OpenAIJsonContext.Default.ResponseLifecycleEvent);

    Task Part(string type, string text) =>
        WriteAsync(type, new ResponseContentPartEvent(type, _sequence++, _turn.MessageId, OutputIndex, ContentIndex, new ResponseOutputText { Text = text }),
            OpenAIJsonContext.Default.ResponseContentPartEvent);

    Task WriteAsync<T>(string type, T value, System.Text.Json.Serialization.Metadata.JsonTypeInfo<T> info) =>
        _sse.WriteEventAsync(type, value, info, _ct).AsTask();
}
