using Platform.Engine.ToolCalls;
using static Platform.Engine.Tests.ToolCalls.ToolCallFixtures;

namespace Platform.Engine.Tests.ToolCalls;

public sealed class ToolCallExtractorTests
{
    static (string? Content, (string Name, string Arguments)[] Calls) Extract(ToolCallFormat format, string text)
    {
        var output = new ToolCallExtractor(format).Extract(text);
        return (output.Content, output.Calls.Select(c => (c.Name, c.Arguments)).ToArray());
    }

    [Fact]
    public void HermesSingleCallIsReadWithItsArgumentsAsWrittenAndNoContent()
    {
        var (content, calls) = Extract(ToolCallFormat.Hermes, HermesSingle);
        Assert.Null(content);
        Assert.Equal([("find_trains", "{\"from\": \"Lyon\", \"to\": \"Turin\", \"seats\": 2}")], calls);
    }

    [Fact]
    public void HermesSeveralCallsKeepTheirOrderAndTheTextBeforeThemIsContent()
    {
        var (content, calls) = Extract(ToolCallFormat.Hermes, HermesTwoWithText);
        Assert.Equal("Let me check both cities.", content);
        Assert.Equal([("air_quality", "{\"city\": \"Oslo\"}"), ("air_quality", "{\"city\": \"Bergen\", \"units\": [\"pm10\", \"pm2_5\"]}")], calls);
    }

    [Fact]
    public void HermesMalformedJsonStaysContentAsWritten()
    {
        var (content, calls) = Extract(ToolCallFormat.Hermes, HermesMalformed);
        Assert.Empty(calls);
        Assert.Equal(HermesMalformed, content);
    }

    [Fact]
    public void HermesCallWithoutItsClosingTagAtTheEndIsStillACall()
    {
        var (content, calls) = Extract(ToolCallFormat.Hermes, "<tool_call>\n{\"name\": \"ping\", \"arguments\": {}}");
        Assert.Null(content);
        Assert.Equal([("ping", "{}")], calls);
    }

    [Fact]
    public void LlamaBareJsonReplyIsOneCallWithItsParameters()
    {
        var (content, calls) = Extract(ToolCallFormat.Llama3Json, LlamaBare);
        Assert.Null(content);
        Assert.Equal([("convert_currency", "{\"amount\": 12.5, \"from\": \"EUR\", \"to\": \"JPY\"}")], calls);
    }

    [Fact]
    public void LlamaCallsAfterThePythonTagSeparatedBySemicolonsAreAllRead()
    {
        var (content, calls) = Extract(ToolCallFormat.Llama3Json, LlamaTaggedSeveral);
        Assert.Equal("I will look both up.", content);
        Assert.Equal([("stock_price", "{\"symbol\": \"ACME\"}"), ("stock_price", "{\"symbol\": \"INIT\", \"note\": \"a; b {c}\"}")], calls);
    }

    [Fact]
    public void LlamaMalformedJsonAndPlainProseStayContent()
    {
        Assert.Equal((LlamaMalformed, 0), (Extract(ToolCallFormat.Llama3Json, LlamaMalformed).Content, Extract(ToolCallFormat.Llama3Json, LlamaMalformed).Calls.Length));
        var prose = "The answer is {\"name\": \"x\", \"parameters\": {}} in JSON.";
        Assert.Equal((prose, 0), (Extract(ToolCallFormat.Llama3Json, prose).Content, Extract(ToolCallFormat.Llama3Json, prose).Calls.Length));
    }

    [Fact]
    public void MistralArrayWithCallIdsIsReadAndTheModelsIdsAreReplacedByFreshOnes()
    {
        var output = new ToolCallExtractor(ToolCallFormat.Mistral).Extract(MistralWithIds);
        Assert.Null(output.Content);
        Assert.Equal([("book_room", "{\"hotel\": \"Le Petit\", \"nights\": 3}"), ("send_sms", "{\"to\": \"+331234\", \"text\": \"booked \\\"ok\\\"\"}")],
            output.Calls.Select(c => (c.Name, c.Arguments)));
        Assert.All(output.Calls, c => Assert.Matches("^[A-Za-z0-9]{9}$", c.Id));
        Assert.NotEqual(output.Calls[0].Id, output.Calls[1].Id);
    }

    [Fact]
    public void MistralArrayWithoutIdsAfterTextKeepsTheTextAsContent()
    {
        var (content, calls) = Extract(ToolCallFormat.Mistral, MistralNoIdsAfterText);
        Assert.Equal("Sure.", content);
        Assert.Equal([("weather_now", "{\"place\": \"Nice\"}")], calls);
    }

    [Fact]
    public void MistralCallWithNonObjectArgumentsStaysContent()
    {
        var (content, calls) = Extract(ToolCallFormat.Mistral, MistralMalformed);
        Assert.Empty(calls);
        Assert.Equal(MistralMalformed, content);
    }

    [Fact]
    public void ArgumentsGivenAsAJsonStringAreUnwrappedAndOpenAIStyleIdsAreMade()
    {
        var output = new ToolCallExtractor(ToolCallFormat.Hermes).Extract("<tool_call>{\"name\": \"f\", \"arguments\": \"{\\\"a\\\": 1}\"}</tool_call>");
        var call = Assert.Single(output.Calls);
        Assert.Equal(("f", "{\"a\": 1}"), (call.Name, call.Arguments));
        Assert.Matches("^call_[A-Za-z0-9]{24}$", call.Id);
    }

    [Fact]
    public void TextWithoutAnyCallIsReturnedAsContent()
    {
        Assert.Equal(("Just prose.", 0), (Extract(ToolCallFormat.Hermes, "Just prose.").Content, Extract(ToolCallFormat.Hermes, "Just prose.").Calls.Length));
    }
}
