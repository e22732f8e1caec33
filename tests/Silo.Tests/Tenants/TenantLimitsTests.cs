using System.Text.Json.Nodes;
using Platform.Silo.Tests.Serving.Support;

namespace Platform.Silo.Tests.Tenants;

/// <summary>
/// Keys, rate limits, budgets and usage over real HTTP on one embedded server with real engines; in the serving
/// collection, so its server never runs beside the serving tests that measure the process's heap.
/// </summary>
[Collection(ServingCollection.Name)]
public class TenantLimitsTests(TenantServer server) : IClassFixture<TenantServer>
{
    [Fact]
    public async Task AnUnknownKey_Gets401InOpenAIsEnvelope()
    {
        using var client = server.Client("sk-nobody");

        var (status, _, body) = await TenantServer.ChatAsync(client);

        Assert.Equal(401, status);
        Assert.Equal("invalid_api_key", body["error"]!["code"]!.GetValue<string>());
    }

    [Fact]
    public async Task OverItsRequestsPerMinute_ATenantGets429WithRetryAfter_AndTheLimitNamed()
    {
        using var client = server.Client(TenantServer.Key("rpm"));

        Assert.Equal(200, (await TenantServer.ChatAsync(client)).Status);
        Assert.Equal(200, (await TenantServer.ChatAsync(client)).Status);
        var (status, retryAfter, body) = await TenantServer.ChatAsync(client);

        Assert.Equal(429, status);
        Assert.InRange(int.Parse(retryAfter!), 1, 60);
        var error = body["error"]!;
        Assert.Equal("rate_limit_exceeded", error["code"]!.GetValue<string>());
        Assert.Equal("requests", error["type"]!.GetValue<string>());
        Assert.Contains("requests per minute: Limit 2, Used 2", error["message"]!.GetValue<string>());
        // Another tenant is not limited by this one's requests.
        using var other = server.Client(TenantServer.Key("metered"));
        Assert.Equal(200, (await TenantServer.ChatAsync(other)).Status);
    }

    [Fact]
    public async Task OverItsTokensPerMinute_ATenantGets429OfTypeTokens()
    {
        using var client = server.Client(TenantServer.Key("tpm"));

        Assert.Equal(200, (await TenantServer.ChatAsync(client)).Status);
        var (status, retryAfter, body) = await TenantServer.ChatAsync(client);

        Assert.Equal(429, status);
        Assert.NotNull(retryAfter);
        Assert.Equal("tokens", body["error"]!["type"]!.GetValue<string>());
        Assert.Contains("tokens per minute: Limit 5", body["error"]!["message"]!.GetValue<string>());
    }

    [Fact]
    public async Task OnceItsDailyBudgetIsSpent_ATenantGets429InsufficientQuota_UntilTheUtcDayEnds()
    {
        using var client = server.Client(TenantServer.Key("daily"));

        Assert.Equal(200, (await TenantServer.ChatAsync(client)).Status);
        var (status, retryAfter, body) = await TenantServer.ChatAsync(client);

        Assert.Equal(429, status);
        var untilMidnight = (DateTime.UtcNow.Date.AddDays(1) - DateTime.UtcNow).TotalSeconds;
        Assert.InRange(int.Parse(retryAfter!), 1, (int)Math.Ceiling(untilMidnight) + 1);
        Assert.Equal("insufficient_quota", body["error"]!["code"]!.GetValue<string>());
        Assert.Equal("insufficient_quota", body["error"]!["type"]!.GetValue<string>());
        Assert.Contains("tokens per day (UTC)", body["error"]!["message"]!.GetValue<string>());
    }

    [Fact]
    public async Task Usage_ShowsTheCallingTenantItsOwnTokensByKind_RequestsLimitsAndRemaining()
    {
        using var client = server.Client(TenantServer.Key("metered"));
        var before = await UsageAsync(client);
        var (status, _, chat) = await TenantServer.ChatAsync(client);
        Assert.Equal(200, status);
        using var stream = ServingServer.Post("/v1/completions",
            """{"model":"qwen","prompt":"Once upon a time","max_tokens":3,"stream":true,"stream_options":{"include_usage":true}}""", null);
        using var streamed = await client.SendAsync(stream);
        var events = (await streamed.Content.ReadAsStringAsync()).Split("\n\n", StringSplitOptions.RemoveEmptyEntries);
        var streamUsage = JsonNode.Parse(events[^2]["data: ".Length..])!["usage"]!;

        var after = await UsageAsync(client);

        Assert.Equal("usage", after["object"]!.GetValue<string>());
        Assert.Equal("metered", after["tenant"]!.GetValue<string>());
        var day = after["day"]!;
        long Delta(string field) => day[field]!.GetValue<long>() - before["day"]![field]!.GetValue<long>();
        Assert.Equal(2, Delta("requests"));
        Assert.Equal(Tokens(chat["usage"]!, "prompt_tokens") + Tokens(streamUsage, "prompt_tokens"), Delta("prompt_tokens"));
        Assert.Equal(Tokens(chat["usage"]!, "completion_tokens") + Tokens(streamUsage, "completion_tokens"), Delta("completion_tokens"));
        Assert.Equal(Delta("prompt_tokens") + Delta("completion_tokens"), Delta("total_tokens"));
        Assert.Equal(100_000, day["budget"]!.GetValue<long>());
        Assert.Equal(100_000 - day["total_tokens"]!.GetValue<long>(), day["remaining"]!.GetValue<long>());
        Assert.Null(after["month"]!["budget"]);
        Assert.Equal(100_000, after["limits"]!["tokens_per_day"]!.GetValue<long>());
        Assert.Null(after["limits"]!["requests_per_minute"]);
        Assert.Equal(0, after["running_requests"]!.GetValue<int>());
        Assert.True(after["minute"]!["tokens"]!.GetValue<long>() >= Delta("total_tokens"));

        // Another tenant sees only its own usage: none of these tokens.
        using var daily = server.Client(TenantServer.Key("daily"));
        var theirs = await UsageAsync(daily);
        Assert.Equal("daily", theirs["tenant"]!.GetValue<string>());
        Assert.True(theirs["day"]!["requests"]!.GetValue<long>() <= 1, theirs.ToJsonString());
    }

    static long Tokens(JsonNode usage, string field) => usage[field]!.GetValue<long>();

    static async Task<JsonNode> UsageAsync(HttpClient client)
    {
        using var response = await client.GetAsync("/v1/usage");
        var text = await response.Content.ReadAsStringAsync();
        Assert.True((int)response.StatusCode == 200, text);
        return JsonNode.Parse(text)!;
    }
}
