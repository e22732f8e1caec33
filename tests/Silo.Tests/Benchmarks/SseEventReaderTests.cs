using System.Text;
using Platform.Silo.Benchmarks;

namespace Platform.Silo.Tests.Benchmarks;

public class SseEventReaderTests
{
    // Recorded from `platform serve` (tiny-llama, /v1/completions, stream_options.include_usage), one chunk's text swapped for multi-byte UTF-8.
    private const string RecordedCompletion = """
        data: {"id":"cmpl-f01b","object":"text_completion","created":1795255325,"model":"tiny","choices":[{"index":0,"text":"{\\","logprobs":null,"finish_reason":null}]}

        data: {"id":"cmpl-f01b","object":"text_completion","created":1795255325,"model":"tiny","choices":[{"index":0,"text":" belief","logprobs":null,"finish_reason":null}]}

        data: {"id":"cmpl-f01b","object":"text_completion","created":1795255325,"model":"tiny","choices":[{"index":0,"text":" ünï 🚀","logprobs":null,"finish_reason":"length"}]}

        data: {"id":"cmpl-f01b","object":"text_completion","created":1795255325,"model":"tiny","choices":[],"usage":{"prompt_tokens":3,"completion_tokens":3,"total_tokens":6}}

        data: [DONE]


        """;

    private static async Task<List<string>> ReadAll(string stream, int chunk, string lineEnd = "\n")
    {
        var bytes = Encoding.UTF8.GetBytes(stream.ReplaceLineEndings(lineEnd));
        var reader = new SseEventReader(new ChunkedStream(bytes, chunk));
        var events = new List<string>();
        while (await reader.ReadEventAsync() is { } data)
            events.Add(data);
        return events;
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(7)]
    [InlineData(64)]
    [InlineData(100_000)]
    public async Task EventsComeOutWholeWhereverTheReadsSplitTheBytes(int chunk)
    {
        var events = await ReadAll(RecordedCompletion, chunk);

        Assert.Equal(5, events.Count);
        Assert.Contains("\"text\":\" ünï 🚀\"", events[2]);
        Assert.StartsWith("{\"id\":\"cmpl-f01b\"", events[0]);
        Assert.EndsWith("\"total_tokens\":6}}", events[3]);
        Assert.Equal("[DONE]", events[4]);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(5)]
    public async Task CrlfLineEndsReadTheSameAsLf(int chunk)
    {
        Assert.Equal(await ReadAll(RecordedCompletion, 4096), await ReadAll(RecordedCompletion, chunk, "\r\n"));
    }

    [Fact]
    public async Task CommentsAndOtherFieldsAreSkippedAndDataLinesJoinWithNewlines()
    {
        var events = await ReadAll(": keep-alive\n\nevent: delta\nid: 7\ndata:first\ndata: second\n\nretry: 10\n\ndata\n\n", chunk: 3);

        Assert.Equal(["first\nsecond", ""], events);
    }

    [Fact]
    public async Task AnEventCutOffByTheEndOfTheStreamIsDiscarded()
    {
        Assert.Equal(["a"], await ReadAll("data: a\n\ndata: b\n", chunk: 2));
    }

    [Fact]
    public async Task ALineLongerThanTheReadBufferIsKeptWhole()
    {
        var payload = new string('x', 50_000) + "é";

        Assert.Equal([payload], await ReadAll($"data: {payload}\n\n", chunk: 3000));
    }

    [Fact]
    public async Task ALeadingByteOrderMarkIsIgnored()
    {
        Assert.Equal(["a"], await ReadAll("\uFEFFdata: a\n\n", chunk: 1));
    }
}
