namespace Platform.Postgres.GrainState;

/// <summary>The statements of the grain storage provider; each change reports how many rows it changed, 0 on a conflict.</summary>
internal static class GrainStateSql
{
    private const string Key = "service_id = @service AND grain_type = @type AND grain_key = @key AND state_name = @state";

    public const string Read = $"SELECT payload, etag FROM platform_grain_state WHERE {Key}";

    public const string ReadEtag = $"SELECT etag FROM platform_grain_state WHERE {Key}";

    public const string Insert = """
        INSERT INTO platform_grain_state (service_id, grain_type, grain_key, state_name, payload, etag)
        VALUES (@service, @type, @key, @state, @payload, @next)
        ON CONFLICT DO NOTHING
        """;

    public const string Update =
        $"UPDATE platform_grain_state SET payload = @payload, etag = @next, updated_at = now() WHERE {Key} AND etag = @expected";

    public const string Delete = $"DELETE FROM platform_grain_state WHERE {Key} AND etag = @expected";
}
