using System.Text;
using Microsoft.AspNetCore.Http;
using Platform.Api.OpenAI;
using Platform.Api.OpenAI.Errors;
using Platform.Api.OpenAI.Responses;
using Platform.Api.OpenAI.Streaming;

namespace Platform.Api.Tests.OpenAI;

public sealed class SseWriterTests
{
    [Fact]
    public async Task EventsAreFramedAsDataLinesEndingWithDone()
    {
        using var output = new MemoryStream();
        using (var writer = new SseWriter(output))
        {
            await writer.WriteEventAsync(ChatCompletionChunk.RoleAnnouncement("c", 1, "m", 0), OpenAIJsonContext.Default.ChatCompletionChunk);
            await writer.WriteEventAsync(ChatCompletionChunk.Text("c", 1, "m", 0, "line\nbreak"), OpenAIJsonContext.Default.ChatCompletionChunk);
            await writer.WriteDoneAsync();
        }

        var events = Encoding.UTF8.GetString(output.ToArray()).Split("\n\n");

        Assert.Equal(4, events.Length);
        Assert.StartsWith("data: {\"id\":\"c\",\"object\":\"chat.completion.chunk\"", events[0]);
        // A newline in the text stays escaped inside the JSON, so it cannot end the event early.
        Assert.Contains("\"content\":\"line\\nbreak\"", events[1]);
        Assert.Equal("data: [DONE]", events[2]);
        Assert.Equal("", events[3]);
    }

    [Fact]
    public async Task NonAsciiTextIsWrittenAsUtf8NotEscaped()
    {
        using var output = new MemoryStream();
        using (var writer = new SseWriter(output))
            await writer.WriteEventAsync(ChatCompletionChunk.Text("c", 1, "m", 0, "café 'ok' <b>"), OpenAIJsonContext.Default.ChatCompletionChunk);

        Assert.Contains("\"content\":\"café 'ok' <b>\"", Encoding.UTF8.GetString(output.ToArray()));
    }

    [Fact]
    public async Task EachEventIsFlushedAsSoonAsItIsWritten()
    {
        var output = new FlushRecordingStream();
        using var writer = new SseWriter(output);

        await writer.WriteEventAsync(ChatCompletionChunk.Text("c", 1, "m", 0, "a"), OpenAIJsonContext.Default.ChatCompletionChunk);
        await writer.WriteEventAsync(ChatCompletionChunk.Text("c", 1, "m", 0, "b"), OpenAIJsonContext.Default.ChatCompletionChunk);
        await writer.WriteDoneAsync();

        Assert.Equal(3, output.Flushes.Count);
        Assert.All(output.Flushes, text => Assert.EndsWith("\n\n", text));
        Assert.Contains("\"content\":\"a\"", output.Flushes[0]);
        Assert.DoesNotContain("\"content\":\"b\"", output.Flushes[0]);
    }

    [Fact]
    public async Task ErrorAfterTheStreamStartedIsSentAsAnErrorEvent()
    {
        using var output = new MemoryStream();
        using (var writer = new SseWriter(output))
            await writer.WriteErrorAsync(ApiError.Overloaded("no KV blocks free"));

        var text = Encoding.UTF8.GetString(output.ToArray());

        Assert.StartsWith("data: {\"error\":{\"message\":\"The server is overloaded: no KV blocks free.", text);
        Assert.EndsWith("\"type\":\"server_error\",\"param\":null,\"code\":\"overloaded\"}}\n\n", text);
    }

    [Fact]
    public void StartSetsEventStreamHeaders()
    {
        var context = new DefaultHttpContext();

        using var writer = SseWriter.Start(context.Response);

        Assert.Equal(200, context.Response.StatusCode);
        Assert.Equal("text/event-stream", context.Response.ContentType);
        Assert.Equal("no-cache", context.Response.Headers.CacheControl.ToString());
        Assert.Equal("no", context.Response.Headers["X-Accel-Buffering"].ToString());
    }

    /// <summary>Remembers everything written up to each flush.</summary>
    sealed class FlushRecordingStream : MemoryStream
    {
        int _flushedUpTo;

        public List<string> Flushes { get; } = [];

        public override Task FlushAsync(CancellationToken cancellationToken)
        {
            var all = ToArray();
            Flushes.Add(Encoding.UTF8.GetString(all, _flushedUpTo, all.Length - _flushedUpTo));
            _flushedUpTo = all.Length;
            return Task.CompletedTask;
        }
    }
}
