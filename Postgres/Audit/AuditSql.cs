namespace Platform.Postgres.Audit;

/// <summary>The statement that stores a batch of audit rows in one round trip.</summary>
internal static class AuditSql
{
    // One array parameter per column, unnested into rows: any batch size is one statement and one plan. A batch retried
    // after its commit was not acknowledged finds its ids taken and adds nothing.
    public const string Insert = """
        INSERT INTO platform_audit_log (id, time, request_id, tenant, model, route, method, status, client_disconnected, error,
            prompt_tokens, cached_tokens, completion_tokens, latency_ms, cost, end_user, safety_identifier, request_content, output_content)
        SELECT * FROM unnest(@id, @time, @request_id, @tenant, @model, @route, @method, @status, @client_disconnected, @error,
            @prompt_tokens, @cached_tokens, @completion_tokens, @latency_ms, @cost, @end_user, @safety_identifier, @request_content, @output_content)
        ON CONFLICT (id) DO NOTHING
        """;
}
