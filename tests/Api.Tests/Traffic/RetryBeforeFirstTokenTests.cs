using Platform.Api.Tests.Endpoints.Support;

namespace Platform.Api.Tests.Traffic;

/// <summary>A replica that fails before the first token is reported and the request runs on another; once a token was streamed, never again.</summary>
public class RetryBeforeFirstTokenTests
{
    const string Chat = "/v1/chat/completions";

    static string Body(bool stream = false) =>
        $$"""{"model":"{{ApiTestServer.Model}}","messages":[{"role":"user","content":"hi"}],"stream":{{(stream ? "true" : "false")}}}""";

    static readonly string Crashing = $"{ApiTestServer.Model}/0";
    static readonly string Healthy = $"{ApiTestServer.Model}/1";

    [Fact]
    public async Task AReplicaThatThrowsAtStart_IsReportedFailed_AndTheRequestSucceedsOnAnother()
    {
        await using var server = await ApiTestServer.StartAsync();
        server.Backend.Replicas = 2;
        server.Backend.CrashAtStart = replica => replica == Crashing ? new InvalidOperationException("the engine crashed") : null;

        var (status, body) = await server.PostJsonAsync(Chat, Body());

        Assert.Equal(200, status);
        Assert.Equal("Hello world!", body["choices"]![0]!["message"]!["content"]!.GetValue<string>());
        Assert.Equal([Crashing, Healthy], server.Backend.Placements.Select(p => p.Replica));
        Assert.Equal([Crashing], server.Backend.FailedReplicas);
    }

    [Fact]
    public async Task AReplicaLostAfterTheFirstToken_EndsTheStreamWithAnError_AndIsNotRetried()
    {
        await using var server = await ApiTestServer.StartAsync();
        server.Backend.Replicas = 2;
        server.Backend.CrashAfterFirstChunk = replica => replica == Crashing ? new TimeoutException("the silo stopped answering") : null;

        var (status, body) = await server.PostAsync(Chat, Body(stream: true));

        Assert.Equal(200, status);
        Assert.Contains("Hello", body);
        Assert.Contains("model_unavailable", body);
        Assert.Equal([Crashing], server.Backend.Placements.Select(p => p.Replica));
        Assert.Equal([Crashing], server.Backend.FailedReplicas);
    }

    [Fact]
    public async Task WhenEveryTryFailsAtStart_TheAnswerIs503_NotTheCrash()
    {
        await using var server = await ApiTestServer.StartAsync();
        server.Backend.Replicas = 2;
        server.Backend.CrashAtStart = _ => new InvalidOperationException("the engine crashed");

        var (status, body) = await server.PostJsonAsync(Chat, Body());

        Assert.Equal(503, status);
        Assert.Equal("model_unavailable", body["error"]!["code"]!.GetValue<string>());
        Assert.DoesNotContain("crashed", body["error"]!["message"]!.GetValue<string>());
        // Three tries at most: the first replica, the other, then (both failed) the first again.
        Assert.Equal(3, server.Backend.Placements.Count);
    }
}
