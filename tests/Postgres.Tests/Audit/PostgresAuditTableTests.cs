using Npgsql;
using Platform.Postgres.Audit;

namespace Platform.Postgres.Tests.Audit;

[Collection(PostgresCollection.Name)]
public sealed class PostgresAuditTableTests(PostgresFixture postgres)
{
    [Fact]
    public async Task A_batch_is_stored_as_one_row_per_record_with_every_column()
    {
        var tenant = NewTenant();
        await using var table = new PostgresAuditTable(postgres.ConnectionString);
        var time = new DateTimeOffset(2026, 12, 6, 21, 0, 0, 123, TimeSpan.Zero);
        var rows = new[]
        {
            Row(tenant, time) with { Cost = 0.0000123456789m, RequestContent = """{"messages":[{"role":"user","content":"hi"}]}""", OutputContent = """["Hello"]""" },
            Row(tenant, time.AddSeconds(1)) with { Status = 429, Error = "queue_full", Model = null, Cost = null, ClientDisconnected = true },
        };

        await table.InsertAsync(rows, default);

        var stored = await ReadAsync(tenant);
        Assert.Equal(2, stored.Count);
        Assert.Equal((rows[0].Id, time, "chatcmpl-1", "tiny", "/v1/chat/completions", "POST", 200, false, (string?)null),
            (stored[0].Id, stored[0].Time, stored[0].RequestId, stored[0].Model, stored[0].Route, stored[0].Method, stored[0].Status, stored[0].ClientDisconnected, stored[0].Error));
        Assert.Equal((5, 2, 3, 12.5, (decimal?)0.0000123456789m), (stored[0].PromptTokens, stored[0].CachedTokens, stored[0].CompletionTokens, stored[0].LatencyMs, stored[0].Cost));
        Assert.Equal(("""{"messages":[{"role":"user","content":"hi"}]}""", """["Hello"]"""), (stored[0].RequestContent, stored[0].OutputContent));
        Assert.Equal(("user-7", "sid-3"), (stored[0].EndUser, stored[0].SafetyIdentifier));
        Assert.Equal((429, "queue_full", (string?)null, (decimal?)null, true, (string?)null), (stored[1].Status, stored[1].Error, stored[1].Model, stored[1].Cost, stored[1].ClientDisconnected, stored[1].RequestContent));
    }

    [Fact]
    public async Task A_batch_written_again_after_an_unacknowledged_commit_adds_no_duplicates()
    {
        var tenant = NewTenant();
        await using var table = new PostgresAuditTable(postgres.ConnectionString);
        var rows = Enumerable.Range(0, 3).Select(i => Row(tenant, DateTimeOffset.UtcNow)).ToArray();

        await table.InsertAsync(rows, default);
        await table.InsertAsync(rows, default);

        Assert.Equal(3, (await ReadAsync(tenant)).Count);
    }

    [Fact]
    public async Task Content_with_any_text_including_U0000_is_stored_as_written()
    {
        var tenant = NewTenant();
        await using var table = new PostgresAuditTable(postgres.ConnectionString);
        const string output = """["nul \u0000 and ünïcödé 🦙"]""";

        await table.InsertAsync([Row(tenant, DateTimeOffset.UtcNow) with { OutputContent = output }], default);

        Assert.Equal(output, Assert.Single(await ReadAsync(tenant)).OutputContent);
    }

    [Fact]
    public async Task A_U0000_in_a_text_column_which_PostgreSQL_cannot_hold_is_stored_as_U_FFFD_instead_of_failing_the_batch()
    {
        var tenant = NewTenant();
        await using var table = new PostgresAuditTable(postgres.ConnectionString);

        await table.InsertAsync([Row(tenant, DateTimeOffset.UtcNow) with { EndUser = "alice\u0000bob", SafetyIdentifier = "\u0000" }], default);

        var stored = Assert.Single(await ReadAsync(tenant));
        Assert.Equal(("alice\uFFFDbob", "\uFFFD"), (stored.EndUser, stored.SafetyIdentifier));
    }

    [Fact]
    public async Task A_large_batch_is_one_insert()
    {
        var tenant = NewTenant();
        await using var table = new PostgresAuditTable(postgres.ConnectionString);

        await table.InsertAsync(Enumerable.Range(0, 1000).Select(_ => Row(tenant, DateTimeOffset.UtcNow)).ToArray(), default);

        Assert.Equal(1000, (await ReadAsync(tenant)).Count);
    }

    private static string NewTenant() => $"tenant-{Guid.NewGuid():N}";

    private static AuditRow Row(string tenant, DateTimeOffset time) => new()
    {
        Id = Guid.CreateVersion7(),
        Time = time,
        RequestId = "chatcmpl-1",
        Tenant = tenant,
        Model = "tiny",
        Route = "/v1/chat/completions",
        Method = "POST",
        Status = 200,
        PromptTokens = 5,
        CachedTokens = 2,
        CompletionTokens = 3,
        LatencyMs = 12.5,
        EndUser = "user-7",
        SafetyIdentifier = "sid-3",
    };

    private async Task<List<AuditRow>> ReadAsync(string tenant)
    {
        await using var dataSource = NpgsqlDataSource.Create(postgres.ConnectionString);
        await using var command = dataSource.CreateCommand("""
            SELECT id, time, request_id, tenant, model, route, method, status, client_disconnected, error, prompt_tokens, cached_tokens,
                   completion_tokens, latency_ms, cost, request_content::text, output_content::text, end_user, safety_identifier
            FROM platform_audit_log WHERE tenant = @tenant ORDER BY time, id
            """);
        command.Parameters.AddWithValue("tenant", tenant);
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<AuditRow>();
        while (await reader.ReadAsync())
        {
            rows.Add(new AuditRow
            {
                Id = reader.GetGuid(0),
                Time = reader.GetFieldValue<DateTimeOffset>(1),
                RequestId = reader.GetString(2),
                Tenant = reader.GetString(3),
                Model = reader.IsDBNull(4) ? null : reader.GetString(4),
                Route = reader.GetString(5),
                Method = reader.GetString(6),
                Status = reader.GetInt32(7),
                ClientDisconnected = reader.GetBoolean(8),
                Error = reader.IsDBNull(9) ? null : reader.GetString(9),
                PromptTokens = reader.GetInt32(10),
                CachedTokens = reader.GetInt32(11),
                CompletionTokens = reader.GetInt32(12),
                LatencyMs = reader.GetDouble(13),
                Cost = reader.IsDBNull(14) ? null : reader.GetDecimal(14),
                RequestContent = reader.IsDBNull(15) ? null : reader.GetString(15),
                OutputContent = reader.IsDBNull(16) ? null : reader.GetString(16),
                EndUser = reader.IsDBNull(17) ? null : reader.GetString(17),
                SafetyIdentifier = reader.IsDBNull(18) ? null : reader.GetString(18),
            });
        }
        return rows;
    }
}
