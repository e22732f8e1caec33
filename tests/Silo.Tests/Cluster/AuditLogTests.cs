using Npgsql;
using Platform.Silo.Tests.Cluster.Support;

namespace Platform.Silo.Tests.Cluster;

/// <summary>
/// A real `platform serve --cluster` process audits to its database by default: one row per call in platform_audit_log,
/// with tokens and cost; while the database is down its writes fail and are counted, calls get 503 once the queue is full,
/// and the queued rows are written when it returns.
/// </summary>
public sealed class AuditLogTests : IAsyncLifetime
{
    private readonly PostgresFixture _postgres = PostgresFixture.Private();
    private readonly string _prices = Path.GetTempFileName();

    public Task InitializeAsync()
    {
        File.WriteAllText(_prices, """{"qwen": {"prompt": 0.40, "cached": 0.10, "completion": 1.60}}""");
        return _postgres.InitializeAsync();
    }

    public Task DisposeAsync()
    {
        File.Delete(_prices);
        return _postgres.DisposeAsync();
    }

    [Fact]
    public async Task ClusteredServe_AuditsEveryCallToPostgres_AndFailsClosedWhileTheDatabaseIsDown()
    {
        var url = PlatformCluster.UrlOf(_postgres.ConnectionString);
        await using var node = await ClusterNode.StartAsync("serve", url, $"audit-{Guid.NewGuid():N}"[..16],
            [.. PlatformCluster.ModelFlags(1), "--prices", _prices, "--audit-queue", "3"]);
        await node.WaitUntilHealthyAsync(TimeSpan.FromMinutes(2));
        using var client = node.CreateClient();

        var (status, body) = await ClusterRequests.ChatAsync(client, "hello", 4);
        Assert.True(status == 200, body.ToJsonString());
        Assert.Equal(404, (await ClusterRequests.GetAsync(client, "/v1/sessions/none-such")).Status);
        await Eventually.True(async () => (await RowsAsync()).Count == 2, "both calls are in platform_audit_log", detail: () => node.Log);

        var rows = await RowsAsync();
        var chat = rows.Single(r => r.Route == "/v1/chat/completions");
        Assert.Equal(((string)body["id"]!, "default", "qwen", 200), (chat.RequestId, chat.Tenant, chat.Model, chat.Status));
        var usage = body["usage"]!;
        Assert.Equal(((int)usage["prompt_tokens"]!, (int)usage["completion_tokens"]!), (chat.PromptTokens, chat.CompletionTokens));
        var cached = (int?)usage["prompt_tokens_details"]?["cached_tokens"] ?? 0;
        Assert.Equal(((chat.PromptTokens - cached) * 0.40m + cached * 0.10m + chat.CompletionTokens * 1.60m) / 1_000_000m, chat.Cost);
        var session = rows.Single(r => r.Route == "/v1/sessions/{id}");
        Assert.Equal((404, "session_not_found", (string?)null, (decimal?)null), (session.Status, session.Error, session.Model, session.Cost));

        await _postgres.StopServerAsync();

        // Three calls fill the queue of three (their rows cannot be written); the fourth is refused.
        for (var i = 0; i < 3; i++)
            Assert.Equal(200, (await ClusterRequests.GetAsync(client, "/v1/models")).Status);
        await Eventually.True(async () => FailureCount(await client.GetStringAsync("/metrics")) > 0, "a failed audit write was counted");
        var (refused, error) = await ClusterRequests.GetAsync(client, "/v1/models");
        Assert.Equal(503, refused);
        Assert.Equal("audit_unavailable", (string?)error["error"]!["code"]);
        Assert.DoesNotContain("127.0.0.1", error.ToJsonString());
        Assert.Contains("audit records to the cluster database's platform_audit_log failed", node.Log);

        await _postgres.StartServerAsync();

        await Eventually.True(async () => (await RowsAsync()).Count == 5, "the queued rows were written once the database was back", timeoutSeconds: 60);
        Assert.Equal(200, (await ClusterRequests.GetAsync(client, "/v1/models")).Status);
    }

    private static double FailureCount(string metrics) =>
        metrics.Split('\n').Where(l => l.StartsWith("platform_audit_write_failures_total ", StringComparison.Ordinal))
            .Select(l => double.Parse(l.Split(' ')[1], System.Globalization.CultureInfo.InvariantCulture)).Single();

    private sealed record Row(string RequestId, string Tenant, string? Model, string Route, int Status, string? Error, int PromptTokens, int CompletionTokens, decimal? Cost);

    private async Task<List<Row>> RowsAsync()
    {
        try
        {
            await using var dataSource = NpgsqlDataSource.Create(_postgres.ConnectionString);
            await using var command = dataSource.CreateCommand(
                "SELECT request_id, tenant, model, route, status, error, prompt_tokens, completion_tokens, cost FROM platform_audit_log ORDER BY time, id");
            await using var reader = await command.ExecuteReaderAsync();
            var rows = new List<Row>();
            while (await reader.ReadAsync())
                rows.Add(new Row(reader.GetString(0), reader.GetString(1), reader.IsDBNull(2) ? null : reader.GetString(2), reader.GetString(3),
                    reader.GetInt32(4), reader.IsDBNull(5) ? null : reader.GetString(5), reader.GetInt32(6), reader.GetInt32(7),
                    reader.IsDBNull(8) ? null : reader.GetDecimal(8)));
            return rows;
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.UndefinedTable)
        {
            return [];
        }
    }
}
