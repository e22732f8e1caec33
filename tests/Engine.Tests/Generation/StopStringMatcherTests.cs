using Platform.Engine.Generation;

namespace Platform.Engine.Tests.Generation;

public class StopStringMatcherTests
{
    [Fact]
    public void StopStringSplitAcrossDeltasIsNeverEmitted()
    {
        var matcher = new StopStringMatcher(["<END>"]);
        Assert.Equal("Hello ", matcher.Append("Hello <"));
        Assert.Equal("", matcher.Append("EN"));
        Assert.Equal("", matcher.Append("D> more"));
        Assert.True(matcher.Stopped);
        Assert.Equal("<END>", matcher.MatchedStop);
        Assert.Equal("", matcher.Flush());
    }

    [Fact]
    public void HeldBackTextIsReleasedWhenItStopsLookingLikeAStop()
    {
        var matcher = new StopStringMatcher(["\n\n"]);
        Assert.Equal("a", matcher.Append("a\n"));
        Assert.Equal("\nb", matcher.Append("b"));
        Assert.False(matcher.Stopped);
    }

    [Fact]
    public void TextBeforeTheStopInTheSameDeltaIsEmitted()
    {
        var matcher = new StopStringMatcher(["stop", "st"]);
        Assert.Equal("go ", matcher.Append("go stop"));
        Assert.Equal("stop", matcher.MatchedStop); // on a tie the first listed stop wins
    }

    [Fact]
    public void FlushReturnsTextThatWasHeldBackAtTheEnd()
    {
        var matcher = new StopStringMatcher(["###"]);
        Assert.Equal("x", matcher.Append("x##"));
        Assert.Equal("##", matcher.Flush());
    }

    [Fact]
    public void WithoutStopStringsEverythingPassesThrough()
    {
        var matcher = new StopStringMatcher([]);
        Assert.Equal("abc", matcher.Append("abc"));
        Assert.Equal("", matcher.Flush());
    }

    [Fact]
    public void EmptyStopStringIsRejected()
    {
        Assert.Throws<ArgumentException>(() => new StopStringMatcher([""]));
    }
}
