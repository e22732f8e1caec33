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

        Assert.Equal(new CompletionChunk("", null), role);
        Assert.False(role.HasContent);
        Assert.Equal(new CompletionChunk("Hi", null), text);
        Assert.True(text.HasContent);
        Assert.Equal(new CompletionChunk("", new ChunkUsage(12, 5, 0)), usage);
    }

    [Fact]
    public void LogprobsCountTheTokensOfAChunkEvenWhenItsTextIsHeldBack()
    {
        var completion = CompletionChunk.Parse("""{"choices":[{"index":0,"text":"","logprobs":{"tokens":["<0xE2>"],"token_logprobs":[-1.5],"top_logprobs":[null],"text_offset":[3]}}]}""");
        var merged = CompletionChunk.Parse("""{"choices":[{"index":0,"text":"ab","logprobs":{"tokens":["a","b"],"token_logprobs":[-1,-2],"top_logprobs":[null,null],"text_offset":[0,1]}}]}""");
        var chat = CompletionChunk.Parse("""{"choices":[{"index":0,"delta":{"content":""},"logprobs":{"content":[{"token":"<0xE2>","logprob":-0.5,"top_logprobs":[]}]}}]}""");
        var plain = CompletionChunk.Parse("""{"choices":[{"index":0,"text":"Hi"}]}""");

        Assert.False(completion.HasContent);
        Assert.True(completion.HasTokens);
        Assert.Equal(1, completion.TokenCount);
        Assert.Equal(2, merged.TokenCount);
        Assert.Equal(1, chat.TokenCount);
        Assert.Equal(1, plain.TokenCount);
        Assert.Equal(0, CompletionChunk.Parse("""{"choices":[{"index":0,"delta":{"role":"assistant","content":""}}]}""").TokenCount);
    }

    [Fact]
    public void TheUsageChunkCarriesThePrefixCacheHitsWhenTheServerReportsThem()
    {
        var usage = CompletionChunk.Parse("""{"choices":[],"usage":{"prompt_tokens":40,"completion_tokens":2,"total_tokens":42,"prompt_tokens_details":{"cached_tokens":32}}}""");
        var withoutDetails = CompletionChunk.Parse("""{"choices":[],"usage":{"prompt_tokens":40,"completion_tokens":2,"prompt_tokens_details":null}}""");

        Assert.Equal(new ChunkUsage(40, 2, 32), usage.Usage);
        Assert.Equal(new ChunkUsage(40, 2, 0), withoutDetails.Usage);
    }

    [Fact]
    public void AnErrorEventMidStreamFailsTheRequestWithTheServersMessage()
    {
        var error = Assert.Throws<HttpRequestException>(() =>
            CompletionChunk.Parse("""{"error":{"message":"engine stopped","type":"server_error"}}"""));

        Assert.Contains("engine stopped", error.Message);
    }
}
