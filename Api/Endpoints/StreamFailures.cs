using Microsoft.Extensions.Logging;
using Platform.Api.Errors;
using Platform.Api.OpenAI.Errors;
using Platform.Api.OpenAI.Streaming;
using Platform.Grains.Interfaces.Generation;

namespace Platform.Api.Endpoints;

/// <summary>
/// Runs the body of an event stream and ends it properly: `data: [DONE]` after success; after a failure (the status line
/// is already sent) an error event, then `[DONE]`. A client that went away gets nothing more.
/// </summary>
internal static class StreamFailures
{
    /// <summary>
    /// Runs <paramref name="body"/>; it returns the error of a generation that failed, or null when all finished. Returns
    /// the error the stream ended with, if any.
    /// </summary>
    public static async Task<ApiError?> GuardAsync(SseWriter sse, ILogger logger, string responseId, CancellationToken ct, Func<Task<ApiError?>> body)
    {
        ApiError? error;
        try
        {
            error = await body();
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            return null;
        }
        catch (PlatformRequestException e)
        {
            error = PlatformErrors.From(e);
        }
        catch (Exception e) when (!ct.IsCancellationRequested)
        {
            logger.LogError(e, "Streaming response {ResponseId} failed", responseId);
            error = ApiError.Internal($"The response failed while streaming ({e.GetType().Name}).");
        }
        try
        {
            if (error is not null)
                await sse.WriteErrorAsync(error, ct);
            await sse.WriteDoneAsync(ct);
        }
        catch (Exception e) when (e is OperationCanceledException or IOException && ct.IsCancellationRequested)
        {
            // The client disconnected while the stream was closing.
        }
        return error;
    }
}
