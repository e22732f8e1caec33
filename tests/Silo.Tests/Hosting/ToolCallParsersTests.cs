using Platform.Engine.ToolCalls;
using Platform.Silo.Hosting;

namespace Platform.Silo.Tests.Hosting;

public sealed class ToolCallParsersTests
{
    [Fact]
    public void NoFlagLeavesEveryModelToItsTemplate()
    {
        Assert.Equal([null, null], ToolCallParsers.PerModel([], 2));
    }

    [Fact]
    public void OneValueAppliesToEveryModelAndOnePerModelGoesInOrderWithAutoForTheTemplate()
    {
        Assert.Equal([ToolCallFormat.Hermes, ToolCallFormat.Hermes], ToolCallParsers.PerModel(["hermes"], 2));
        Assert.Equal([ToolCallFormat.Mistral, null, ToolCallFormat.Llama3Json], ToolCallParsers.PerModel(["mistral", "auto", "llama3_json"], 3));
    }

    [Theory]
    [InlineData(new[] { "pythonic" }, 1, "pythonic")]
    [InlineData(new[] { "hermes", "mistral" }, 3, "once per model")]
    public void UnknownNamesAndWrongCountsAreRefusedSayingWhatToGive(string[] values, int models, string named)
    {
        var error = Assert.Throws<ArgumentException>(() => ToolCallParsers.PerModel(values, models));
        Assert.Contains(named, error.Message);
    }
}
