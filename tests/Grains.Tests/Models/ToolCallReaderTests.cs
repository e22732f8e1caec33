using Platform.Engine.ToolCalls;
using Platform.Grains.Interfaces.Generation;
using Platform.Grains.Models;

namespace Platform.Grains.Tests.Models;

public sealed class ToolCallReaderTests
{
    const string Output = "Checking.<tool_call>\n{\"name\": \"get_weather\", \"arguments\": {\"city\": \"Oslo\"}}\n</tool_call>";

    static ToolCalling Settings(bool streamed, bool parallel = true) => new() { ToolsJson = "[]", Streamed = streamed, Parallel = parallel };

    /// <summary>The output as an engine yields it: a few characters per token, the last chunk final with "stop".</summary>
    static List<TokenChunk> Tokens(string text, int size = 3)
    {
        var chunks = new List<TokenChunk>();
        for (var i = 0; i < text.Length; i += size)
            chunks.Add(new TokenChunk(text.Substring(i, Math.Min(size, text.Length - i)), [chunks.Count]));
        chunks[^1] = chunks[^1] with { FinishReason = "stop", Usage = new TokenUsage(4, chunks.Count, 0) };
        return chunks;
    }

    static List<TokenChunk> Read(ToolCallReader reader, IEnumerable<TokenChunk> chunks) => chunks.Select(reader.Read).ToList();

    [Fact]
    public void StreamedChunksCarryTheTextBeforeTheCallThenItsDeltasAndEndWithToolCalls()
    {
        var read = Read(new ToolCallReader(ToolCallFormat.Hermes, Settings(streamed: true)), Tokens(Output));

        Assert.Equal("Checking.", string.Concat(read.Select(c => c.Text)));
        var deltas = read.SelectMany(c => c.ToolCalls ?? []).ToList();
        Assert.Equal(("get_weather", 0), (deltas[0].Name, deltas[0].Index));
        Assert.StartsWith("call_", deltas[0].Id);
        Assert.All(deltas.Skip(1), d => Assert.Null(d.Id));
        Assert.Equal("{\"city\": \"Oslo\"}", string.Concat(deltas.Select(d => d.Arguments)));
        Assert.Equal("tool_calls", read[^1].FinishReason);
        Assert.Equal(Tokens(Output).Count, read.Sum(c => c.TokenIds.Count));
        Assert.All(read, c => Assert.True(c.ToolCalls is null || c.ToolCalls.Select(d => d.Index).Distinct().Count() == c.ToolCalls.Count));
    }

    [Fact]
    public void WholeOutputIsHeldUntilTheFinalChunkWhichCarriesTheContentAndEveryCall()
    {
        var read = Read(new ToolCallReader(ToolCallFormat.Hermes, Settings(streamed: false)), Tokens(Output));

        Assert.All(read.SkipLast(1), c => Assert.Equal(("", null), (c.Text, c.ToolCalls)));
        var final = read[^1];
        Assert.Equal("Checking.", final.Text);
        var call = Assert.Single(final.ToolCalls!);
        Assert.Equal((0, "get_weather", "{\"city\": \"Oslo\"}"), (call.Index, call.Name, call.Arguments));
        Assert.Equal("tool_calls", final.FinishReason);
        Assert.Equal(4, final.Usage!.PromptTokens);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void OutputWithoutCallsIsUnchangedAndStopsAsStop(bool streamed)
    {
        var text = "Plain answer with a < sign.";
        var read = Read(new ToolCallReader(ToolCallFormat.Hermes, Settings(streamed)), Tokens(text));
        Assert.Equal(text, string.Concat(read.Select(c => c.Text)));
        Assert.All(read, c => Assert.Null(c.ToolCalls));
        Assert.Equal("stop", read[^1].FinishReason);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void WithoutParallelCallsOnlyTheFirstIsReported(bool streamed)
    {
        var two = "<tool_call>{\"name\": \"a\", \"arguments\": {}}</tool_call><tool_call>{\"name\": \"b\", \"arguments\": {}}</tool_call>";
        var read = Read(new ToolCallReader(ToolCallFormat.Hermes, Settings(streamed, parallel: false)), Tokens(two));
        var deltas = read.SelectMany(c => c.ToolCalls ?? []).ToList();
        Assert.Equal(["a"], deltas.Where(d => d.Name is not null).Select(d => d.Name));
        Assert.All(deltas, d => Assert.Equal(0, d.Index));
        Assert.Equal("", string.Concat(read.Select(c => c.Text)));
    }

    [Fact]
    public void ACallCutByTheTokenLimitKeepsFinishReasonLength()
    {
        var chunks = Tokens("<tool_call>{\"name\": \"a\", \"arguments\": {\"x\": 1");
        chunks[^1] = chunks[^1] with { FinishReason = "length" };
        var read = Read(new ToolCallReader(ToolCallFormat.Hermes, Settings(streamed: true)), chunks);
        Assert.Equal("length", read[^1].FinishReason);
    }

    [Fact]
    public void AnErrorChunkPassesThroughUntouched()
    {
        var error = new TokenChunk("", [], Error: new GenerationError("model_unavailable", "gone"));
        Assert.Same(error, new ToolCallReader(ToolCallFormat.Hermes, Settings(streamed: true)).Read(error));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void ANamedChoiceMakesTheWholeOutputThatFunctionsArguments(bool streamed)
    {
        var settings = Settings(streamed) with { NamedFunction = "get_weather" };
        var read = Read(new ToolCallReader(ToolCallFormat.Llama3Json, settings), Tokens("{\"city\": \"Oslo\"}"));

        var deltas = read.SelectMany(c => c.ToolCalls ?? []).ToList();
        Assert.Equal(["get_weather"], deltas.Where(d => d.Name is not null).Select(d => d.Name));
        Assert.StartsWith("call_", deltas[0].Id);
        Assert.Equal("{\"city\": \"Oslo\"}", string.Concat(deltas.Select(d => d.Arguments)));
        Assert.Equal("", string.Concat(read.Select(c => c.Text)));
        Assert.Equal("tool_calls", read[^1].FinishReason);
        Assert.Equal(streamed, deltas.Count > 1);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void ARequiredChoiceReadsTheConstrainedArrayWhateverTheModelsFormat(bool streamed)
    {
        var settings = Settings(streamed) with { Required = true };
        var output = "[{\"name\": \"a\", \"parameters\": {\"x\": 1}}, {\"name\": \"b\", \"parameters\": {}}]";
        var read = Read(new ToolCallReader(ToolCallFormat.Mistral, settings), Tokens(output));

        var calls = read.SelectMany(c => c.ToolCalls ?? []).GroupBy(d => d.Index)
            .Select(g => (g.First().Name, string.Concat(g.Select(d => d.Arguments)))).ToList();
        Assert.Equal([("a", "{\"x\": 1}"), ("b", "{}")], calls);
        Assert.Matches("^[A-Za-z0-9]{9}$", read.SelectMany(c => c.ToolCalls ?? []).First().Id);
        Assert.Equal("tool_calls", read[^1].FinishReason);
    }
}
