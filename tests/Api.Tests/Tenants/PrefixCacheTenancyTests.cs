using Platform.Api.Tests.Endpoints.Support;
using Platform.Grains.Interfaces.Generation;
using Platform.Grains.Interfaces.Sessions;

namespace Platform.Api.Tests.Tenants;

/// <summary>What the API hands the grains for cache isolation: every job carries its tenant and cache_salt; sessions are keyed per tenant.</summary>
public class PrefixCacheTenancyTests
{
    const string Chat = "/v1/chat/completions";

    static string ChatBody(string extra = "") =>
        $$"""{"model":"{{ApiTestServer.Model}}","messages":[{"role":"user","content":"hi"}]{{extra}}}""";

    [Theory]
    [InlineData("/v1/chat/completions")]
    [InlineData("/v1/completions")]
    public async Task EveryJob_CarriesTheRequestsTenantAndCacheSalt(string path)
    {
        await using var server = await ApiTestServer.StartAsync(pipeline: TestTenants.UseTenantHeader);
        var body = path == Chat ? ChatBody(""","cache_salt":"s-1" """) : $$"""{"model":"{{ApiTestServer.Model}}","prompt":["a","b"],"cache_salt":"s-1"}""";

        var (status, _) = await server.PostJsonAsync(path, body, TestTenants.As("acme"));

        Assert.Equal(200, status);
        Assert.All(server.Backend.Jobs, job => Assert.Equal(("acme", "s-1"), (job.Tenant, job.CacheSalt)));
    }

    [Fact]
    public async Task WithoutPerTenantKeys_JobsBelongToTheDefaultTenant_WithNoCacheSalt()
    {
        await using var server = await ApiTestServer.StartAsync();

        Assert.Equal(200, (await server.PostJsonAsync(Chat, ChatBody())).Status);

        var job = await server.Backend.FirstJobAsync();
        Assert.Equal((SessionKeys.DefaultTenant, (string?)null), (job.Tenant, job.CacheSalt));
    }

    [Theory]
    [InlineData("\"\"", "non-empty")]
    [InlineData("42", "expected a string")]
    [InlineData("[\"a\"]", "expected a string")]
    public async Task AnInvalidCacheSalt_IsRefusedWith400(string salt, string message)
    {
        await using var server = await ApiTestServer.StartAsync();

        var (status, body) = await server.PostJsonAsync(Chat, ChatBody($$""","cache_salt":{{salt}}"""));

        Assert.Equal(400, status);
        Assert.Equal("cache_salt", body["error"]!["param"]!.GetValue<string>());
        Assert.Contains(message, body["error"]!["message"]!.GetValue<string>());
        Assert.Empty(server.Backend.Jobs);
    }

    [Fact]
    public async Task ACacheSaltOverItsLengthLimit_IsRefused_AndOneAtTheLimitIsAccepted()
    {
        await using var server = await ApiTestServer.StartAsync();

        var (tooLong, body) = await server.PostJsonAsync(Chat, ChatBody($$""","cache_salt":"{{new string('x', PrefixCacheSalt.MaxLength + 1)}}" """));
        var (atLimit, _) = await server.PostJsonAsync(Chat, ChatBody($$""","cache_salt":"{{new string('x', PrefixCacheSalt.MaxLength)}}" """));

        Assert.Equal(400, tooLong);
        Assert.Contains("1024", body["error"]!["message"]!.GetValue<string>());
        Assert.Equal(200, atLimit);
    }

    [Fact]
    public async Task ASessionTurn_GoesToTheTenantsOwnSession_AndCarriesItsCacheSalt()
    {
        await using var server = await ApiTestServer.StartAsync(pipeline: TestTenants.UseTenantHeader);

        var (status, _) = await server.PostJsonAsync(Chat, ChatBody(""","cache_salt":"k" """),
            TestTenants.As("acme", r => r.Headers.Add("X-Session-Id", "s1")));

        Assert.Equal(200, status);
        var turn = Assert.Single(server.Backend.Turns);
        Assert.Equal("k", turn.CacheSalt);
        // The scripted session grain routes with its own key: the tenant-scoped one.
        Assert.Equal(SessionKeys.For("acme", "s1"), Assert.Single(server.Backend.Jobs).AffinityKey);
    }

    [Fact]
    public async Task AnotherTenant_CannotReadOrDeleteASession_ItsOwnerCan()
    {
        await using var server = await ApiTestServer.StartAsync(pipeline: TestTenants.UseTenantHeader);
        server.Backend.Sessions[SessionKeys.For("acme", "s1")] =
            new SessionTranscript("s1", ApiTestServer.Model, [new ChatMessageData("user", "hi")], 3, 1, DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch);

        Assert.Equal(404, await SendAsync(server, HttpMethod.Get, "bob"));
        Assert.Equal(404, await SendAsync(server, HttpMethod.Delete, "bob"));
        Assert.Equal(404, await SendAsync(server, HttpMethod.Get, SessionKeys.DefaultTenant));
        Assert.Equal(200, await SendAsync(server, HttpMethod.Get, "acme"));
        Assert.Equal(200, await SendAsync(server, HttpMethod.Delete, "acme"));
    }

    static async Task<int> SendAsync(ApiTestServer server, HttpMethod method, string tenant)
    {
        using var request = new HttpRequestMessage(method, "/v1/sessions/s1");
        request.Headers.Add(TestTenants.Header, tenant);
        using var response = await server.Client.SendAsync(request);
        return (int)response.StatusCode;
    }
}
