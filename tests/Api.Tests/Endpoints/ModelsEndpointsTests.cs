using Platform.Api.Tests.Endpoints.Support;

namespace Platform.Api.Tests.Endpoints;

public sealed class ModelsEndpointsTests
{
    [Fact]
    public async Task ListNamesEveryServedModelAsItsDeploymentDescribesIt()
    {
        await using var server = await ApiTestServer.StartAsync(o => o.ServedModels.Add("org/other-model"));

        var (status, body) = await server.SendAsync(HttpMethod.Get, "/v1/models");

        Assert.Equal(200, status);
        Assert.Equal("list", (string?)body["object"]);
        var data = body["data"]!.AsArray();
        Assert.Equal([ApiTestServer.Model, "org/other-model"], data.Select(m => (string?)m!["id"]));
        Assert.All(data, m => Assert.Equal(("model", 1_700_000_000L, "platform"), ((string?)m!["object"], (long)m["created"]!, (string?)m["owned_by"])));
    }

    [Fact]
    public async Task OneModelIsFoundByItsIdEvenWithASlash()
    {
        await using var server = await ApiTestServer.StartAsync(o => o.ServedModels.Add("org/other-model"));

        var (status, body) = await server.SendAsync(HttpMethod.Get, "/v1/models/org/other-model");

        Assert.Equal(200, status);
        Assert.Equal("org/other-model", (string?)body["id"]);
    }

    [Fact]
    public async Task UnservedModelIdIs404ModelNotFound()
    {
        await using var server = await ApiTestServer.StartAsync();

        var (status, body) = await server.SendAsync(HttpMethod.Get, "/v1/models/missing");

        Assert.Equal(404, status);
        Assert.Equal("model_not_found", (string?)body["error"]!["code"]);
    }
}
