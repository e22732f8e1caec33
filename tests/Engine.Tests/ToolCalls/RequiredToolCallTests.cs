using Platform.Engine.ToolCalls;

namespace Platform.Engine.Tests.ToolCalls;

/// <summary>The JSON array that tool_choice "required" constrains output to, read whole and streamed.</summary>
public sealed class RequiredToolCallTests
{
    const string Two = "[{\"name\": \"get_weather\", \"parameters\": {\"city\": \"Oslo\"}}, {\"name\": \"local_time\", \"parameters\": {}}]";

    [Fact]
    public void WholeArrayIsReadAsCallsWithIdsShapedForTheModel()
    {
        var output = ToolCallExtractor.ForRequired(ToolCallFormat.Mistral).Extract(Two);
        Assert.Null(output.Content);
        Assert.Equal([("get_weather", "{\"city\": \"Oslo\"}"), ("local_time", "{}")], output.Calls.Select(c => (c.Name, c.Arguments)));
        Assert.All(output.Calls, c => Assert.Matches("^[A-Za-z0-9]{9}$", c.Id));
    }

    [Fact]
    public void StreamedArrayFedCharacterByCharacterGivesTheSameCalls()
    {
        var parser = StreamingToolCallParser.ForRequired(ToolCallFormat.Hermes);
        var steps = Two.Select(c => parser.Feed(c.ToString())).ToList();
        steps.Add(parser.Finish());
        var deltas = steps.SelectMany(s => s.Calls).ToList();
        var calls = deltas.GroupBy(d => d.Index).Select(g => (g.First().Name, string.Concat(g.Select(d => d.Arguments)))).ToList();
        Assert.Equal([("get_weather", "{\"city\": \"Oslo\"}"), ("local_time", "{}")], calls);
        Assert.All(deltas.Where(d => d.Id is not null), d => Assert.StartsWith("call_", d.Id));
    }

    [Fact]
    public void MarkersOfTheModelsOwnFormatMeanNothingHere()
    {
        var output = ToolCallExtractor.ForRequired(ToolCallFormat.Hermes).Extract("<tool_call>{\"name\": \"f\", \"arguments\": {}}</tool_call>");
        Assert.Empty(output.Calls);
    }
}
