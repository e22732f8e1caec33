using System.Collections.Concurrent;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Platform.Api.Audit;

namespace Platform.Api.Tests.Audit;

/// <summary>The audit log fails closed: a failing sink is counted and retried, a full queue refuses calls with 503, and a graceful stop writes what is queued.</summary>
public class AuditFailureTests
{
    private const string ChatPath = "/v1/chat/completions";
    private const string Chat = """{"model":"tiny","messages":[{"role":"user","content":"hi"}]}""";

    [Fact]
    public async Task AFailingSink_IsCounted_CallsGet503OnceTheQueueIsFull_AndNothingIsLostWhenItRecovers()
    {
        using var audit = new AuditFile();
        await using (var server = await audit.StartServerAsync(a => a with { QueueCapacity = 2 }))
        {
            // The directory disappears under the running server: every write now fails.
            Directory.Delete(audit.Directory, recursive: true);
            Assert.Equal(200, (await server.PostAsync(ChatPath, Chat)).Status);
            Assert.Equal(200, (await server.PostAsync(ChatPath, Chat)).Status);
            await Eventually.True(async () => FailureCount(await server.Client.GetStringAsync("/metrics")) > 0, "a failed audit write was counted");

            var (status, refused) = await server.PostJsonAsync(ChatPath, Chat);

            Assert.Equal(503, status);
            Assert.Equal(("server_error", "audit_unavailable"), ((string?)refused["error"]!["type"], (string?)refused["error"]!["code"]));
            Assert.Contains("audit log", (string?)refused["error"]!["message"]);
            Assert.Equal(2, server.Backend.Jobs.Count);
            Assert.Contains("platform_audit_refused_total 1", await server.Client.GetStringAsync("/metrics"));
            // Probes are never refused, and they tell the load balancer that this node refuses calls.
            var (health, problem) = await server.SendAsync(HttpMethod.Get, "/health");
            Assert.Equal(503, health);
            Assert.Contains("audit log", (string?)problem["error"]!["message"]);

            Directory.CreateDirectory(audit.Directory);
            await Eventually.True(() => audit.Records().Count == 2, "the queued records were written once the directory was back");
            Assert.Equal(200, (await server.SendAsync(HttpMethod.Get, "/health")).Status);
            Assert.Equal(200, (await server.PostAsync(ChatPath, Chat)).Status);
        }

        Assert.Equal([200, 200, 200], audit.Records().Select(r => (int)r["status"]!).ToArray());
    }

    [Fact]
    public async Task AGracefulStop_WritesEveryQueuedRecord()
    {
        using var audit = new AuditFile();
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var sink = new GatedSink(JsonlAuditSink.Open(audit.Path), gate.Task);
        await using (var server = await audit.StartServerAsync(sink: sink,
            services: s => s.AddSingleton<IHostedService>(p => new OpenGateWhenTheLogCloses(p.GetRequiredService<AuditLog>(), gate))))
        {
            for (var i = 0; i < 20; i++)
                Assert.Equal(200, (await server.PostAsync(ChatPath, Chat)).Status);
            // The writer is held in its first write: everything else waits in the queue until the web server has stopped.
            Assert.Empty(audit.Records());
        }

        Assert.Equal(20, audit.Records().Count);
        Assert.Equal(20, audit.Records().Select(r => (string?)r["request_id"]).Distinct().Count());
    }

    private static double FailureCount(string metrics) =>
        metrics.Split('\n').Where(l => l.StartsWith("platform_audit_write_failures_total ", StringComparison.Ordinal))
            .Select(l => double.Parse(l.Split(' ')[1], System.Globalization.CultureInfo.InvariantCulture)).Single();

    /// <summary>Holds every write until <c>open</c> completes, then writes through.</summary>
    private sealed class GatedSink(IAuditSink inner, Task open) : IAuditSink
    {
        public ConcurrentQueue<int> Batches { get; } = new();

        public string Description => "a gated test sink";

        public async Task WriteAsync(IReadOnlyList<AuditRecord> records, CancellationToken ct)
        {
            await open.WaitAsync(ct);
            Batches.Enqueue(records.Count);
            await inner.WriteAsync(records, ct);
        }

        public ValueTask DisposeAsync() => inner.DisposeAsync();
    }

    /// <summary>Opens the gate only once the log takes no more records: the records then queued are the drain's to write.</summary>
    private sealed class OpenGateWhenTheLogCloses(AuditLog log, TaskCompletionSource gate) : IHostedService
    {
        public Task StartAsync(CancellationToken cancellationToken)
        {
            _ = log.Closed.ContinueWith(_ => gate.TrySetResult(), TaskScheduler.Default);
            return Task.CompletedTask;
        }

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
