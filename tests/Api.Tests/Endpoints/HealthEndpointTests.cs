using Microsoft.Extensions.DependencyInjection;
using Platform.Api.Hosting;
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
        await using var server = await ApiTestServer.StartAsync(o => o.AddServedModel("big"));
        server.Backend.Status = model => model == "big"
            ? new DeploymentStatus(model, 1, 1, 0, null, [])
            : new DeploymentStatus(model, 1, 0, 1, null, []);

        var (status, body) = await server.SendAsync(HttpMethod.Get, "/health");

        Assert.Equal(503, status);
        Assert.Equal("model_loading", (string?)body["error"]!["code"]);
        Assert.Contains("big", (string?)body["error"]!["message"]);
    }

    [Fact]
    public async Task AnUnreachableDependencyMakesIt503WithItsProblem()
    {
        var database = new SwitchableCheck();
        await using var server = await ApiTestServer.StartAsync(services: s => s.AddSingleton<IDependencyCheck>(database));

        var (before, _) = await server.SendAsync(HttpMethod.Get, "/health");
        database.Problem = "the cluster database is unreachable";
        var (status, body) = await server.SendAsync(HttpMethod.Get, "/health");

        Assert.Equal((200, 503), (before, status));
        Assert.Equal("state_unavailable", (string?)body["error"]!["code"]);
        Assert.Equal("the cluster database is unreachable", (string?)body["error"]!["message"]);
    }

    [Fact]
    public async Task ScaledToZeroDeploymentIsStillHealthy()
    {
        await using var server = await ApiTestServer.StartAsync();
        server.Backend.Status = model => new DeploymentStatus(model, 1, 0, 0, null, []);

        var (status, _) = await server.SendAsync(HttpMethod.Get, "/health");

        Assert.Equal(200, status);
    }

    /// <summary>A dependency whose reachability the test decides.</summary>
    sealed class SwitchableCheck : IDependencyCheck
    {
        public volatile string? Problem;

        public Task<string?> CheckAsync(CancellationToken ct) => Task.FromResult(Problem);
    }
}
