using Platform.Grains.Deployments;
using Platform.Grains.Interfaces.Generation;
using Platform.Grains.Tests.Support;

namespace Platform.Grains.Tests.Deployments;

/// <summary>The deployment routes around replicas a request failed on, and ejects a replica after consecutive failures.</summary>
public class DeploymentBreakerTests
{
    [Fact]
    public async Task ARetry_IsRoutedAwayFromTheReplicaItFailedOn_WhileAnotherIsReady()
    {
        await using var cluster = await GrainTestCluster.StartAsync([TestModels.TinyLlama(replicas: 2)]);
        await cluster.WaitUntilDeploymentReadyAsync(TestModels.Llama, replicas: 2);
        var deployment = cluster.Deployment(TestModels.Llama);
        var failedOn = await deployment.Route("k");

        for (var i = 0; i < 10; i++)
            Assert.NotEqual(failedOn, (await deployment.Route(new RouteRequest("k", [], 0, [failedOn]))).ReplicaKey);
    }

    [Fact]
    public async Task ThreeConsecutiveFailures_EjectTheReplica_AndEveryRequestGoesToTheOther()
    {
        await using var cluster = await GrainTestCluster.StartAsync([TestModels.TinyLlama(replicas: 2)]);
        await cluster.WaitUntilDeploymentReadyAsync(TestModels.Llama, replicas: 2);
        var deployment = cluster.Deployment(TestModels.Llama);
        var failing = GrainTestCluster.ReplicaKey(TestModels.Llama, 0);

        for (var i = 0; i < 3; i++)
            await deployment.ReplicaFailed(failing);

        for (var i = 0; i < 20; i++)
        {
            var decision = await deployment.Route(new RouteRequest($"key-{i}", [], 0));
            Assert.NotEqual(failing, decision.ReplicaKey);
            Assert.False(decision.ReportStart);
        }
    }

    [Fact]
    public async Task AStartBetweenFailures_KeepsTheReplicaInRouting_AndAFailingReplicaAsksForItsStartToBeReported()
    {
        await using var cluster = await GrainTestCluster.StartAsync([TestModels.TinyLlama(replicas: 2, RoutingPolicy.RoundRobin)]);
        await cluster.WaitUntilDeploymentReadyAsync(TestModels.Llama, replicas: 2);
        var deployment = cluster.Deployment(TestModels.Llama);
        var flaky = GrainTestCluster.ReplicaKey(TestModels.Llama, 0);

        await deployment.ReplicaFailed(flaky);
        await deployment.ReplicaFailed(flaky);
        var decisions = new List<RouteDecision>();
        for (var i = 0; i < 4; i++)
            decisions.Add(await deployment.Route(new RouteRequest($"key-{i}", [], 0)));
        Assert.All(decisions.Where(d => d.ReplicaKey == flaky), d => Assert.True(d.ReportStart));
        await deployment.ReplicaStarted(flaky);
        await deployment.ReplicaFailed(flaky);

        // Round-robin still reaches it: two failures, a start, one failure is no run of three.
        var routed = new List<string>();
        for (var i = 0; i < 4; i++)
            routed.Add((await deployment.Route(new RouteRequest($"again-{i}", [], 0))).ReplicaKey);
        Assert.Contains(flaky, routed);
    }

    [Fact]
    public async Task WithEveryReadyReplicaEjected_RequestsStillGoToOne()
    {
        await using var cluster = await GrainTestCluster.StartAsync([TestModels.TinyLlama(replicas: 2)]);
        await cluster.WaitUntilDeploymentReadyAsync(TestModels.Llama, replicas: 2);
        var deployment = cluster.Deployment(TestModels.Llama);
        for (var r = 0; r < 2; r++)
            for (var i = 0; i < 3; i++)
                await deployment.ReplicaFailed(GrainTestCluster.ReplicaKey(TestModels.Llama, r));

        var decision = await deployment.Route(new RouteRequest("k", [], 0));

        Assert.StartsWith(TestModels.Llama + "/", decision.ReplicaKey);
    }
}
