using System.Net.Http.Headers;
using System.Text;
using Platform.Api.Tenants;
using Platform.Api.Tests.Endpoints.Support;
using Platform.Grains.Interfaces.Tenants;

namespace Platform.Api.Tests.Tenants;

/// <summary>The API's half of tenant limits against a scripted tenant grain: one admission, the refusal's envelope and header, one settlement.</summary>
public class TenantAdmissionTests
{
    const string Path = "/v1/chat/completions";
    const string Chat = """{"model":"tiny","messages":[{"role":"user","content":"Hi"}]}""";

    static Task<ApiTestServer> StartAsync() => ApiTestServer.StartAsync(o =>
    {
        o.ApiKey = "sk-single";
        o.TenantKeys = ApiKeyFile.Parse($$$"""
            {"tenants": {"acme": {"requests_per_minute": 10, "tokens_per_day": 1000}},
             "keys": [{"sha256": "{{{ApiKeyHash.Hex("sk-acme")}}}", "tenant": "acme"}]}
            """, "keys.json");
    });

    static void Acme(HttpRequestMessage request) => request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", "sk-acme");

    [Fact]
    public async Task ARefusal_Is429WithRetryAfterAndOpenAIsEnvelope_AndNoGenerationStarts()
    {
        await using var server = await StartAsync();
        server.Backend.Admission = _ => new TenantAdmission(Guid.Empty, TimeSpan.Zero,
            new TenantRefusal(TenantRefusal.RateLimitExceeded, "requests", "Rate limit reached for tenant 'acme' on requests per minute: Limit 10, Used 10.", 17));
        using var request = new HttpRequestMessage(HttpMethod.Post, Path) { Content = new StringContent(Chat, Encoding.UTF8, "application/json") };
        Acme(request);

        using var response = await server.Client.SendAsync(request);

        Assert.Equal(429, (int)response.StatusCode);
        Assert.Equal("17", response.Headers.GetValues("Retry-After").Single());
        var error = System.Text.Json.Nodes.JsonNode.Parse(await response.Content.ReadAsStringAsync())!["error"]!;
        Assert.Equal("rate_limit_exceeded", error["code"]!.GetValue<string>());
        Assert.Equal("requests", error["type"]!.GetValue<string>());
        Assert.StartsWith("Rate limit reached for tenant 'acme'", error["message"]!.GetValue<string>());
        Assert.Empty(server.Backend.Jobs);
        Assert.Empty(server.Backend.Settlements);
    }

    [Fact]
    public async Task AnAdmittedRequest_SendsItsTenantsLimits_AndSettlesItsLeaseWithTheUsageItAnswered()
    {
        await using var server = await StartAsync();

        var (status, body) = await server.PostJsonAsync(Path, Chat, Acme);

        Assert.Equal(200, status);
        var (tenant, limits, admission) = Assert.Single(server.Backend.Admissions);
        Assert.Equal("acme", tenant);
        Assert.Equal(new TenantLimits(RequestsPerMinute: 10, TokensPerDay: 1000), limits);
        var (lease, used) = Assert.Single(server.Backend.Settlements);
        Assert.Equal(admission.Lease, lease);
        Assert.Equal(new TenantTokens(ScriptedBackend.PromptTokens, ScriptedBackend.CachedTokens, 3), used);
        Assert.Equal(used.Total, body["usage"]!["total_tokens"]!.GetValue<long>());
    }

    [Fact]
    public async Task AStreamLongerThanARenewalPeriod_RenewsItsLease_AndAClientThatLeavesStillSettlesIt()
    {
        await using var server = await StartAsync();
        server.Backend.HoldUntilCancelled = true;
        server.Backend.Admission = _ => new TenantAdmission(Guid.NewGuid(), TimeSpan.FromMilliseconds(50), null);
        using var request = new HttpRequestMessage(HttpMethod.Post, Path)
        {
            Content = new StringContent(Chat.Replace("}]}", "}],\"stream\":true}", StringComparison.Ordinal), Encoding.UTF8, "application/json"),
        };
        Acme(request);

        using (var response = await server.Client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead))
        {
            Assert.Equal(200, (int)response.StatusCode);
            await Eventually.True(() => !server.Backend.Renewals.IsEmpty, "the running request renewed its lease");
        }

        await Eventually.True(() => !server.Backend.Settlements.IsEmpty, "the abandoned stream settled its lease");
        var lease = Assert.Single(server.Backend.Admissions).Admission.Lease;
        Assert.Equal(lease, Assert.Single(server.Backend.Settlements).Lease);
        Assert.All(server.Backend.Renewals, renewed => Assert.Equal(lease, renewed));
    }

    [Fact]
    public async Task RequestsUnderTheSingleKey_MakeNoTenantCall()
    {
        await using var server = await StartAsync();

        var (status, _) = await server.PostJsonAsync(Path, Chat, r => r.Headers.Authorization = new AuthenticationHeaderValue("Bearer", "sk-single"));

        Assert.Equal(200, status);
        Assert.Empty(server.Backend.Admissions);
        Assert.Empty(server.Backend.Settlements);
    }
}
