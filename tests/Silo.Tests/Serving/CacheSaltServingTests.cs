using System.Text.Json.Nodes;
using Platform.Silo.Tests.Serving.Support;

namespace Platform.Silo.Tests.Serving;

/// <summary>cache_salt over real HTTP and real engines: requests share cached prefix blocks only under the same salt.</summary>
[Collection(ServingCollection.Name)]
public class CacheSaltServingTests(ServingServer server)
{
    [Fact]
    public async Task TheSamePrompt_UnderAnotherCacheSalt_ReportsNoCachedTokens_AndUnderTheSameSaltItDoes()
    {
        // Unique per run, so no earlier test's cache serves it; long enough for several 16-token blocks.
        var prompt = $"{Guid.NewGuid():N} " + string.Join(' ', Enumerable.Repeat("a lighthouse keeper counts the ships at night", 6));

        var first = await CachedTokensAsync(prompt, "salt-a");
        var otherSalt = await CachedTokensAsync(prompt, "salt-b");
        var sameSalt = await CachedTokensAsync(prompt, "salt-a");

        Assert.Equal((0, 0), (first, otherSalt));
        Assert.True(sameSalt >= 32, $"the same salt reused {sameSalt} prompt tokens");
    }

    private async Task<int> CachedTokensAsync(string prompt, string salt)
    {
        var body = new JsonObject { ["model"] = ServingServer.Llama, ["prompt"] = prompt, ["max_tokens"] = 2, ["cache_salt"] = salt };
        var (status, response) = await server.PostJsonAsync("/v1/completions", body.ToJsonString());
        Assert.Equal(200, status);
        return response["usage"]!["prompt_tokens_details"]?["cached_tokens"]?.GetValue<int>() ?? 0;
    }
}
