using System.Buffers;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Platform.Api.OpenAI.Errors;

namespace Platform.Api.OpenAI.Streaming;

/// <summary>Writes OpenAI's server-sent events: `data: {json}\n\n` per event, flushed at once, ending with `data: [DONE]\n\n`.</summary>
/// <remarks>One writer serves one response; it reuses a single buffer so streaming a token costs no allocation beyond the event record.</remarks>
public sealed class SseWriter : IDisposable
{
    /// <summary>The media type of an event stream.</summary>
    public const string ContentType = "text/event-stream";

    static ReadOnlySpan<byte> DataPrefix => "data: "u8;
    static ReadOnlySpan<byte> EventPrefix => "event: "u8;
    static ReadOnlySpan<byte> EventEnd => "\n\n"u8;
    static readonly byte[] DoneEvent = "data: [DONE]\n\n"u8.ToArray();

    readonly Stream _output;
    readonly ArrayBufferWriter<byte> _buffer = new(4096);
    readonly Utf8JsonWriter _json;

    /// <summary>A writer over any stream (a response body, a pipe, a test's memory stream).</summary>
    public SseWriter(Stream output)
    {
        _output = output;
        _json = new Utf8JsonWriter(_buffer, OpenAIJsonContext.WriterOptions);
    }

    /// <summary>Sets up <paramref name="response"/> for streaming (status 200, event-stream headers, no buffering) and returns a writer over its body.</summary>
    public static SseWriter Start(HttpResponse response)
    {
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = ContentType;
        response.Headers.CacheControl = "no-cache";
        // Reverse proxies (nginx) would otherwise hold events back until their buffer fills.
        response.Headers["X-Accel-Buffering"] = "no";
        response.HttpContext.Features.Get<IHttpResponseBodyFeature>()?.DisableBuffering();
        return new SseWriter(response.Body);
    }

    /// <summary>Writes one `data:` event carrying <paramref name="value"/> as JSON and flushes it to the client.</summary>
    public ValueTask WriteEventAsync<T>(T value, JsonTypeInfo<T> typeInfo, CancellationToken ct = default) =>
        WriteEventAsync(null, value, typeInfo, ct);

    /// <summary>As <see cref="WriteEventAsync{T}(T, JsonTypeInfo{T}, CancellationToken)"/>, preceded by `event: {name}` when a name is given (the Responses API names its events).</summary>
    public async ValueTask WriteEventAsync<T>(string? eventName, T value, JsonTypeInfo<T> typeInfo, CancellationToken ct = default)
    {
        _buffer.ResetWrittenCount();
        if (eventName is not null)
        {
            _buffer.Write(EventPrefix);
            System.Text.EncodingExtensions.GetBytes(System.Text.Encoding.UTF8, eventName.AsSpan(), _buffer);
            _buffer.Write("\n"u8);
        }
        _buffer.Write(DataPrefix);
        _json.Reset(_buffer);
        JsonSerializer.Serialize(_json, value, typeInfo);
        _json.Flush();
        _buffer.Write(EventEnd);
        await _output.WriteAsync(_buffer.WrittenMemory, ct).ConfigureAwait(false);
        await _output.FlushAsync(ct).ConfigureAwait(false);
    }

    /// <summary>Reports a failure after the stream has started (the status line is already sent), as OpenAI and vLLM do.</summary>
    public ValueTask WriteErrorAsync(ApiError error, CancellationToken ct = default) =>
        WriteEventAsync(ErrorResponse.From(error), OpenAIJsonContext.Default.ErrorResponse, ct);

    /// <summary>Writes the closing `data: [DONE]` event and flushes it.</summary>
    public async ValueTask WriteDoneAsync(CancellationToken ct = default)
    {
        await _output.WriteAsync(DoneEvent, ct).ConfigureAwait(false);
        await _output.FlushAsync(ct).ConfigureAwait(false);
    }

    public void Dispose() => _json.Dispose();
}
