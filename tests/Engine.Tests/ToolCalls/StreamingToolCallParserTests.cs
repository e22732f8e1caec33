using Platform.Engine.ToolCalls;
using static Platform.Engine.Tests.ToolCalls.ToolCallFixtures;

namespace Platform.Engine.Tests.ToolCalls;

public sealed class StreamingToolCallParserTests
{
    sealed record Streamed(string Content, List<(string Id, string Name, string Arguments)> Calls, List<ToolCallDelta> Deltas);

    /// <summary>Feeds <paramref name="text"/> in pieces of <paramref name="piece"/> characters, as tokens arrive.</summary>
    static Streamed Stream(ToolCallFormat format, string text, int piece, int maxCalls = int.MaxValue)
    {
        var parser = new StreamingToolCallParser(format, maxCalls);
        var content = "";
        var deltas = new List<ToolCallDelta>();
        for (var i = 0; i < text.Length; i += piece)
        {
            var step = parser.Feed(text.Substring(i, Math.Min(piece, text.Length - i)));
            content += step.Content;
            deltas.AddRange(step.Calls);
        }
        var last = parser.Finish();
        content += last.Content;
        deltas.AddRange(last.Calls);
        var calls = new List<(string, string, string)>();
        foreach (var d in deltas)
        {
            if (d.Index == calls.Count)
            {
                Assert.NotNull(d.Id);
                Assert.NotNull(d.Name);
                calls.Add((d.Id!, d.Name!, d.Arguments));
            }
            else
            {
                Assert.Equal(calls.Count - 1, d.Index);
                Assert.Null(d.Id);
                Assert.Null(d.Name);
                calls[^1] = (calls[^1].Item1, calls[^1].Item2, calls[^1].Item3 + d.Arguments);
            }
        }
        return new Streamed(content, calls, deltas);
    }

    public static TheoryData<ToolCallFormat, string> WellFormed() => new()
    {
        { ToolCallFormat.Hermes, HermesSingle },
        { ToolCallFormat.Hermes, HermesTwoWithText },
        { ToolCallFormat.Llama3Json, LlamaBare },
        { ToolCallFormat.Llama3Json, LlamaTaggedSeveral },
        { ToolCallFormat.Mistral, MistralWithIds },
        { ToolCallFormat.Mistral, MistralNoIdsAfterText },
    };

    [Theory]
    [MemberData(nameof(WellFormed))]
    public void FedCharacterByCharacterTheDeltasConcatenateToTheCallsTheWholeOutputHolds(ToolCallFormat format, string text)
    {
        var whole = new ToolCallExtractor(format).Extract(text);
        foreach (var piece in new[] { 1, 2, 3, 7, text.Length })
        {
            var streamed = Stream(format, text, piece);
            Assert.Equal(whole.Calls.Select(c => (c.Name, c.Arguments)), streamed.Calls.Select(c => (c.Name, c.Arguments)));
            Assert.Equal(whole.Content ?? "", streamed.Content.Trim());
        }
    }

    [Fact]
    public void ArgumentsStreamInFragmentsAfterAFirstDeltaWithIdAndName()
    {
        var streamed = Stream(ToolCallFormat.Hermes, HermesSingle, 1);
        var first = streamed.Deltas[0];
        Assert.Equal((0, "find_trains", ""), (first.Index, first.Name, first.Arguments));
        Assert.Matches("^call_", first.Id);
        Assert.True(streamed.Deltas.Count > 10, "one delta per argument character fed");
        Assert.Equal("{\"from\": \"Lyon\", \"to\": \"Turin\", \"seats\": 2}", string.Concat(streamed.Deltas.Select(d => d.Arguments)));
    }

    [Fact]
    public void TextStreamsAtOnceAndOnlyAPossibleMarkerPrefixIsHeldBack()
    {
        var parser = new StreamingToolCallParser(ToolCallFormat.Hermes);
        Assert.Equal("Hi ", parser.Feed("Hi ").Content);
        Assert.Equal("a ", parser.Feed("a <t").Content);
        Assert.Equal("<tx> b", parser.Feed("x> b").Content);
        Assert.Equal("", parser.Feed("<tool").Content);
        Assert.Equal("<tool", parser.Finish().Content);
    }

    [Fact]
    public void ArgumentsWrittenBeforeTheNameGoOutWithTheNameDelta()
    {
        var streamed = Stream(ToolCallFormat.Hermes, "<tool_call>{\"arguments\": {\"q\": \"x\"}, \"name\": \"search\"}</tool_call>", 1);
        Assert.Equal(("search", "{\"q\": \"x\"}"), (streamed.Deltas[0].Name, streamed.Deltas[0].Arguments));
    }

    [Theory]
    [InlineData(ToolCallFormat.Hermes, "<tool_call>not json</tool_call> ok")]
    [InlineData(ToolCallFormat.Hermes, "<tool_call>{\"name\": 5}</tool_call>")]
    [InlineData(ToolCallFormat.Llama3Json, "{\"title\": \"a JSON reply, not a call\"}")]
    [InlineData(ToolCallFormat.Llama3Json, "  {oops}")]
    [InlineData(ToolCallFormat.Mistral, "[TOOL_CALLS] nothing")]
    [InlineData(ToolCallFormat.Mistral, "[TOOL_CALLS] [")]
    public void ASectionThatIsNotACallStreamsAsContentUnchanged(ToolCallFormat format, string text)
    {
        foreach (var piece in new[] { 1, 4, text.Length })
        {
            var streamed = Stream(format, text, piece);
            Assert.Empty(streamed.Deltas);
            Assert.Equal(text, streamed.Content);
        }
    }

    [Fact]
    public void WithOneCallAllowedLaterCallsAreReadButNotReported()
    {
        var streamed = Stream(ToolCallFormat.Hermes, HermesTwoWithText, 2, maxCalls: 1);
        Assert.Equal([("air_quality", "{\"city\": \"Oslo\"}")], streamed.Calls.Select(c => (c.Name, c.Arguments)));
        Assert.Equal("Let me check both cities.\n", streamed.Content);
    }

    [Fact]
    public void TextAfterTheCallsIsContentWithoutTheLayoutWhitespace()
    {
        var streamed = Stream(ToolCallFormat.Hermes, HermesSingle + "\n\nDone.", 1);
        Assert.Equal("\n\nDone.", streamed.Content);
        Assert.Single(streamed.Calls);
        Assert.Equal("", Stream(ToolCallFormat.Hermes, HermesSingle + "\n\n", 1).Content);
    }

    [Fact]
    public void PlainTextWithNothingPendingComesBackAsTheSameString()
    {
        var parser = new StreamingToolCallParser(ToolCallFormat.Hermes);
        var text = "no markers here";
        Assert.Same(text, parser.Feed(text).Content);
    }
}
