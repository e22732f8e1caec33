using Platform.Api.Audit;

namespace Platform.Api.Tests.Audit;

/// <summary>`--prices` files: per-model prices per million tokens, exact decimals, clear errors.</summary>
public class ModelPricesTests
{
    [Fact]
    public void Cost_ChargesUncachedPromptCachedAndCompletionTokensAtTheirOwnPrices_InExactDecimals()
    {
        var prices = ModelPrices.Parse("""{"m": {"prompt": 0.15, "cached": 0.075, "completion": 0.6}}""");

        // 1,000 prompt tokens of which 400 cached, 333 completion tokens.
        Assert.Equal((600 * 0.15m + 400 * 0.075m + 333 * 0.6m) / 1_000_000m, prices.CostOf("m", 1000, 400, 333));
        Assert.Equal(0.0003198m, prices.CostOf("m", 1000, 400, 333));
    }

    [Fact]
    public void ACachedPriceLeftOut_IsThePromptPrice()
    {
        var prices = ModelPrices.Parse("""{"m": {"prompt": 2, "completion": 4}}""");

        Assert.Equal(prices.CostOf("m", 10, 0, 0), prices.CostOf("m", 10, 10, 0));
    }

    [Fact]
    public void AModelWithoutAPrice_OrNoModel_CostsNull()
    {
        var prices = ModelPrices.Parse("""{"m": {"prompt": 2, "completion": 4}}""");

        Assert.Null(prices.CostOf("other", 10, 0, 5));
        Assert.Null(prices.CostOf(null, 10, 0, 5));
    }

    [Theory]
    [InlineData("""[]""", "JSON object")]
    [InlineData("""{"m": 3}""", "must be an object")]
    [InlineData("""{"m": {"prompt": 1}}""", "'completion'")]
    [InlineData("""{"m": {"completion": 1}}""", "'prompt'")]
    [InlineData("""{"m": {"prompt": -1, "completion": 1}}""", "at least 0")]
    [InlineData("""{"m": {"prompt": "1", "completion": 1}}""", "must be a number")]
    [InlineData("""{"m": {"prompt": 1, "completion": 1, "input": 2}}""", "unknown field 'input'")]
    [InlineData("""{"m": {"prompt": 1, "completion": 1}, "m": {"prompt": 1, "completion": 1}}""", "priced twice")]
    public void AnInvalidFile_IsRefusedSayingWhatIsWrong(string json, string says)
    {
        var error = Assert.Throws<FormatException>(() => ModelPrices.Parse(json));

        Assert.Contains(says, error.Message);
    }

    [Fact]
    public void Load_NamesTheFileAndTheFlag_WhenItIsNotJson()
    {
        var path = Path.GetTempFileName();
        try
        {
            File.WriteAllText(path, "{not json");

            var error = Assert.Throws<ArgumentException>(() => ModelPrices.Load(path));

            Assert.Contains("--prices", error.Message);
            Assert.Contains(path, error.Message);
        }
        finally
        {
            File.Delete(path);
        }
    }
}
