using Platform.Grains.Interfaces.Generation;
using Platform.Grains.Models;

namespace Platform.Grains.Tests.Models;

public sealed class SamplingMapperTests
{
    static GenerationJob Job(ToolCalling? tools) => new() { RequestId = "r", Model = "m", Tools = tools };

    [Fact]
    public void ParsingToolCallsKeepsSpecialTokensInTheTextSoMarkersLikeToolCallsTokensAreSeen()
    {
        Assert.False(SamplingMapper.ToRequest(Job(new ToolCalling { ToolsJson = "[]" }), [1], sharedPrefixCache: false).SkipSpecialTokens);
    }

    [Fact]
    public void WithoutToolParsingSpecialTokensAreSkippedAsBefore()
    {
        Assert.True(SamplingMapper.ToRequest(Job(null), [1], sharedPrefixCache: false).SkipSpecialTokens);
        Assert.True(SamplingMapper.ToRequest(Job(new ToolCalling { ToolsJson = "[]", Parse = false }), [1], sharedPrefixCache: false).SkipSpecialTokens);
    }
}
