using Platform.Api.Tests.Endpoints.Support;
using Platform.Grains.Interfaces.Models;

namespace Platform.Api.Tests.Endpoints;

public sealed class HealthEndpointTests
{
    [Fact]
    public async Task ReadyDeploymentsAreOk()
    {
        await using var server = await ApiTestServer.StartAsync();

        var (status, body) = await server.SendAsync(HttpMethod.Get, "/health");

        Assert.Equal(200, status);
        Assert.Equal("ok", (string?)body["status"]);
    }

    [Fact]
    public async Task ALoadingDeploymentMakesIt503WithAnErrorBody()
    {
        await using var server = await ApiTestServer.StartAsync(o => o.ServedModels.Add("big"));
        server.Backend.Status = model => model == "big"
            ? new DeploymentStatus(model, 1, 1, 0, null, [])
            : new DeploymentStatus(model, 1, 0, 1, null, []);

        var (status, body) = await server.SendAsync(HttpMethod.Get, "/health");

        Assert.Equal(503, status);
        Assert.Equal("model_unavailable", (string?)body["error"]!["code"]);
        Assert.Contains("big", (string?)body["error"]!["message"]);
    }

    [Fact]
    public async Task ScaledToZeroDeploymentIsStillHealthy()
    {
        await using var server = await ApiTestServer.StartAsync();
        server.Backend.Status = model => new DeploymentStatus(model, 1, 0, 0, null, []);

        var (status, _) = await server.SendAsync(HttpMethod.Get, "/health");

        Assert.Equal(200, status);
    }
}
