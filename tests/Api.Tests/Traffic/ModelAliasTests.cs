using Platform.Api.Traffic;

namespace Platform.Api.Tests.Traffic;

public class ModelAliasTests
{
    [Fact]
    public void Parse_ReadsTargetsAndWeights_TakingTheWeightAfterTheLastColon()
    {
        var alias = ModelAlias.Parse("chat=model-a:90,org/llama3:8b:10");

        Assert.Equal("chat", alias.Name);
        Assert.Equal([new AliasTarget("model-a", 90), new AliasTarget("org/llama3:8b", 10)], alias.Targets);
    }

    [Theory]
    [InlineData("chat", "NAME=")]
    [InlineData("=a:1", "NAME=")]
    [InlineData("chat=a", "MODEL:WEIGHT")]
    [InlineData("chat=a:-1", "MODEL:WEIGHT")]
    [InlineData("chat=a:x", "MODEL:WEIGHT")]
    [InlineData("chat=a:0,b:0", "add up")]
    [InlineData("chat=a:1,a:2", "twice")]
    [InlineData("chat=chat:1", "itself")]
    [InlineData("chat=a:2147483647,b:1", "add up")]
    public void Parse_RefusesMalformedSpecs_SayingWhatIsWrong(string spec, string message)
    {
        var error = Assert.Throws<ArgumentException>(() => ModelAlias.Parse(spec));
        Assert.Contains(message, error.Message);
    }

    [Fact]
    public void AThousandRequestIds_SplitWithinTwoPointsOf90To10()
    {
        var alias = ModelAlias.Parse("chat=model-a:90,model-b:10");

        // The ids the API gives chat responses: fixed here, so the count is the same on every run.
        var toB = Enumerable.Range(0, 1000).Count(i => alias.Pick($"chatcmpl-{i:x8}") == "model-b");

        Assert.InRange(toB, 80, 120);
    }

    [Fact]
    public void ThePick_DependsOnlyOnTheSeed_AndAZeroWeightTargetGetsNothing()
    {
        var alias = ModelAlias.Parse("chat=a:1,b:1,c:0");
        var seeds = Enumerable.Range(0, 200).Select(i => $"s{i}").ToList();

        Assert.Equal(seeds.Select(alias.Pick), seeds.Select(alias.Pick));
        Assert.DoesNotContain("c", seeds.Select(alias.Pick));
        Assert.Contains("a", seeds.Select(alias.Pick));
        Assert.Contains("b", seeds.Select(alias.Pick));
    }

    [Fact]
    public void TheStartCheck_RefusesTargetsThatAreNotServed_AndAliasesNamedLikeAModel()
    {
        string[] served = ["a", "b"];

        ModelAliases.CheckServed([ModelAlias.Parse("chat=a:1,b:1")], served);
        Assert.Contains("'c', which is not served", Assert.Throws<ArgumentException>(() => ModelAliases.CheckServed([ModelAlias.Parse("chat=a:1,c:1")], served)).Message);
        Assert.Contains("already a served model", Assert.Throws<ArgumentException>(() => ModelAliases.CheckServed([ModelAlias.Parse("a=b:1")], served)).Message);
    }
}
