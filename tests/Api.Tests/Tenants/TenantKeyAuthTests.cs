using Platform.Api.Tenants;
using Platform.Api.Tests.Endpoints.Support;

namespace Platform.Api.Tests.Tenants;

/// <summary>The bearer check with a key file beside the single key: each key authenticates, anything else is a 401 in OpenAI's envelope.</summary>
public class TenantKeyAuthTests
{
    static TenantKeyring Keys() => ApiKeyFile.Parse($$"""{"keys": [{"sha256": "{{ApiKeyHash.Hex("sk-acme")}}", "tenant": "acme"}]}""", "keys.json");

    [Fact]
    public async Task WithAKeyFileAndASingleKey_BothKindsOfKeyAreAccepted_AndAnUnknownKeyGets401()
    {
        await using var server = await ApiTestServer.StartAsync(o =>
        {
            o.ApiKey = "sk-single";
            o.TenantKeys = Keys();
        });

        Assert.Equal(200, (await server.SendAsync(HttpMethod.Get, "/v1/models", "sk-acme")).Status);
        Assert.Equal(200, (await server.SendAsync(HttpMethod.Get, "/v1/models", "sk-single")).Status);
        var (status, body) = await server.SendAsync(HttpMethod.Get, "/v1/models", ApiKeyHash.Hex("sk-acme"));
        Assert.Equal(401, status);
        Assert.Equal("invalid_api_key", body["error"]!["code"]!.GetValue<string>());
        Assert.Equal("invalid_request_error", body["error"]!["type"]!.GetValue<string>());
        Assert.Equal(401, (await server.SendAsync(HttpMethod.Get, "/v1/models")).Status);
    }

    [Fact]
    public async Task TheOperatorsDashboards_TakeOnlyTheSingleKey_NotATenantsKey()
    {
        await using var server = await ApiTestServer.StartAsync(o =>
        {
            o.ApiKey = "sk-single";
            o.TenantKeys = Keys();
        });

        using var tenant = await server.Client.SendAsync(Get("/dashboard", "sk-acme"));
        using var operatorKey = await server.Client.SendAsync(Get("/dashboard", "sk-single"));

        Assert.Equal(401, (int)tenant.StatusCode);
        Assert.Equal(200, (int)operatorKey.StatusCode);
    }

    static HttpRequestMessage Get(string path, string key) =>
        new(HttpMethod.Get, path) { Headers = { Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", key) } };

    [Fact]
    public async Task WithOnlyAKeyFile_ARequestWithoutAKeyGets401()
    {
        await using var server = await ApiTestServer.StartAsync(o => o.TenantKeys = Keys());

        var (status, body) = await server.SendAsync(HttpMethod.Get, "/v1/models");

        Assert.Equal(401, status);
        Assert.Equal("invalid_api_key", body["error"]!["code"]!.GetValue<string>());
        Assert.Equal(200, (await server.SendAsync(HttpMethod.Get, "/health")).Status);
    }

    [Fact]
    public async Task Usage_UnderTheSingleKey_IsRefusedWith400_BecauseNoTenantOfTheFileIsCounted()
    {
        await using var server = await ApiTestServer.StartAsync(o =>
        {
            o.ApiKey = "sk-single";
            o.TenantKeys = Keys();
        });

        var (status, body) = await server.SendAsync(HttpMethod.Get, "/v1/usage", "sk-single");

        Assert.Equal(400, status);
        Assert.Equal("usage_not_tracked", body["error"]!["code"]!.GetValue<string>());
    }
}
