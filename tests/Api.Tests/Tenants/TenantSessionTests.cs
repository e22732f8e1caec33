using System.Net.Http.Headers;
using Platform.Api.Tenants;
using Platform.Api.Tests.Endpoints.Support;
using Platform.Grains.Interfaces.Generation;
using Platform.Grains.Interfaces.Sessions;

namespace Platform.Api.Tests.Tenants;

/// <summary>Sessions of key-file tenants live in each tenant's own namespace: the same id never reaches another tenant's conversation.</summary>
public class TenantSessionTests
{
    static Task<ApiTestServer> StartAsync() => ApiTestServer.StartAsync(o =>
    {
        o.ApiKey = "sk-single";
        o.TenantKeys = ApiKeyFile.Parse($$$"""
            {"keys": [{"sha256": "{{{ApiKeyHash.Hex("sk-acme")}}}", "tenant": "acme"}, {"sha256": "{{{ApiKeyHash.Hex("sk-rival")}}}", "tenant": "rival"}]}
            """, "keys.json");
    });

    static SessionTranscript Transcript(string id) =>
        new(id, ApiTestServer.Model, [new ChatMessageData("user", "secret plans")], 3, 1, DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch);

    [Fact]
    public async Task ATenantsSession_IsReadUnderItsOwnId_AndIsNotFoundForAnotherTenantOrTheSingleKey()
    {
        await using var server = await StartAsync();
        server.Backend.Sessions["acme/conv"] = Transcript("acme/conv");

        var (status, body) = await server.SendAsync(HttpMethod.Get, "/v1/sessions/conv", "sk-acme");
        Assert.Equal(200, status);
        Assert.Equal("conv", body["session_id"]!.GetValue<string>());

        Assert.Equal(404, (await server.SendAsync(HttpMethod.Get, "/v1/sessions/conv", "sk-rival")).Status);
        Assert.Equal(404, (await server.SendAsync(HttpMethod.Get, "/v1/sessions/conv", "sk-single")).Status);
        Assert.Equal(404, (await server.SendAsync(HttpMethod.Delete, "/v1/sessions/conv", "sk-rival")).Status);
        Assert.True(server.Backend.Sessions.ContainsKey("acme/conv"));
        Assert.Equal(200, (await server.SendAsync(HttpMethod.Delete, "/v1/sessions/conv", "sk-acme")).Status);
        Assert.False(server.Backend.Sessions.ContainsKey("acme/conv"));
    }

    [Fact]
    public async Task ATenantsSessionTurn_GoesToTheSessionGrainOfItsOwnNamespace()
    {
        await using var server = await StartAsync();

        var (status, _) = await server.PostAsync("/v1/chat/completions", """{"model":"tiny","messages":[{"role":"user","content":"hi"}]}""", r =>
        {
            r.Headers.Authorization = new AuthenticationHeaderValue("Bearer", "sk-rival");
            r.Headers.Add("X-Session-Id", "conv");
        });

        Assert.Equal(200, status);
        Assert.Equal("rival/conv", (await server.Backend.FirstJobAsync()).AffinityKey);
    }
}
