using Platform.Silo.Benchmarks;

namespace Platform.Silo.Tests.Benchmarks;

public class CompletionChunkTests
{
    [Fact]
    public void ChatDeltasCountAsContentOnlyWhenTheyCarryText()
    {
        var role = CompletionChunk.Parse("""{"choices":[{"index":0,"delta":{"role":"assistant","content":""}}]}""");
        var text = CompletionChunk.Parse("""{"choices":[{"index":0,"delta":{"content":"Hi"}}]}""");
        var usage = CompletionChunk.Parse("""{"choices":[],"usage":{"prompt_tokens":12,"completion_tokens":5,"total_tokens":17}}""");

        Assert.Equal(new CompletionChunk(false, null), role);
        Assert.Equal(new CompletionChunk(true, null), text);
        Assert.Equal(new CompletionChunk(false, (12, 5)), usage);
    }

    [Fact]
    public void AnErrorEventMidStreamFailsTheRequestWithTheServersMessage()
    {
        var error = Assert.Throws<HttpRequestException>(() =>
            CompletionChunk.Parse("""{"error":{"message":"engine stopped","type":"server_error"}}"""));

        Assert.Contains("engine stopped", error.Message);
    }
}
