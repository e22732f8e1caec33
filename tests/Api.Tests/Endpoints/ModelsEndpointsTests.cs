using Platform.Api.Tests.Endpoints.Support;
using Platform.Grains.Interfaces.Models;

namespace Platform.Api.Tests.Endpoints;

public sealed class ModelsEndpointsTests
{
    [Fact]
    public async Task ListNamesEveryServedModelAsItsDeploymentDescribesIt()
    {
        await using var server = await ApiTestServer.StartAsync(o => o.AddServedModel("org/other-model"));

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
        await using var server = await ApiTestServer.StartAsync(o => o.AddServedModel("org/other-model"));

        var (status, body) = await server.SendAsync(HttpMethod.Get, "/v1/models/org/other-model");

        Assert.Equal(200, status);
        Assert.Equal("org/other-model", (string?)body["id"]);
    }

    [Fact]
    public async Task ACardAlsoCarriesTheContextLengthAndEachReplicaAsItReported()
    {
        await using var server = await ApiTestServer.StartAsync();
        server.Backend.Status = model => new DeploymentStatus(model, 2, 1, 1, null,
        [
            ScriptedBackend.ReadyReplica($"{model}/0") with { Load = new ReplicaLoad($"{model}/0", 3, 1, 0.5, 0, 0, 0, 0) },
            new ReplicaStatus($"{model}/1", ReplicaPhase.Loading, "", 0, ReplicaLoad.Idle($"{model}/1"), null),
        ]);

        var (status, body) = await server.SendAsync(HttpMethod.Get, $"/v1/models/{ApiTestServer.Model}");

        Assert.Equal(200, status);
        Assert.Equal(ScriptedDeploymentGrain.MaxModelLength, (int)body["max_model_len"]!);
        var replicas = body["replicas"]!.AsArray();
        Assert.Equal([("tiny/0", ScriptedBackend.Silo, "ready", 3, 1), ("tiny/1", "", "loading", 0, 0)],
            replicas.Select(r => ((string?)r!["id"], (string?)r["silo"], (string?)r["state"], (int)r["running"]!, (int)r["waiting"]!)));
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
