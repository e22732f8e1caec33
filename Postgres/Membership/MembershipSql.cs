namespace Platform.Postgres.Membership;

/// <summary>The statements of the membership table.</summary>
internal static class MembershipSql
{
    public const string CreateVersion =
        "INSERT INTO platform_membership_version (cluster_id, version) VALUES (@cluster, 0) ON CONFLICT (cluster_id) DO NOTHING";

    /// <summary>The table-version compare-and-swap every membership change goes through; it also locks the version row,
    /// so changes to one cluster queue behind each other and a loser re-checks the version the winner wrote.</summary>
    public const string BumpVersion =
        "UPDATE platform_membership_version SET version = @next, updated_at = now() WHERE cluster_id = @cluster AND version = @expected";

    public const string InsertRow = $"""
        INSERT INTO platform_membership (cluster_id, address, port, generation, {MembershipRow.ValueColumns}, etag)
        VALUES (@cluster, @address, @port, @generation, {MembershipRow.ValueParameters}, 0)
        ON CONFLICT DO NOTHING
        """;

    public const string UpdateRow = $"""
        UPDATE platform_membership AS m SET {MembershipRow.ValueAssignments}, etag = m.etag + 1
        WHERE {MembershipRow.KeyCondition} AND m.etag = @etag
        """;

    public const string UpdateIAmAlive =
        $"UPDATE platform_membership AS m SET i_am_alive_time = @i_am_alive_time WHERE {MembershipRow.KeyCondition}";

    // One statement reads the version and the rows, so both come from the same snapshot.
    public const string ReadAll = $"""
        SELECT v.version, {MembershipRow.Columns}
        FROM platform_membership_version v LEFT JOIN platform_membership m ON m.cluster_id = v.cluster_id
        WHERE v.cluster_id = @cluster
        """;

    public const string ReadRow = $"""
        SELECT v.version, {MembershipRow.Columns}
        FROM platform_membership_version v LEFT JOIN platform_membership m ON {MembershipRow.KeyCondition}
        WHERE v.cluster_id = @cluster
        """;

    // The version row goes first, in the order every compare-and-swap locks, so a concurrent change cannot deadlock with it;
    // Npgsql sends both statements as one batch, which PostgreSQL runs as one implicit transaction.
    public const string DeleteCluster =
        "DELETE FROM platform_membership_version WHERE cluster_id = @cluster; DELETE FROM platform_membership WHERE cluster_id = @cluster";

    // A silo counts as updated when it started, last said it was alive or was last voted suspect (a death verdict is a vote),
    // so a silo declared dead recently stays visible to the silos that still have to learn of it.
    public const string DeleteDefunct = """
        DELETE FROM platform_membership m
        WHERE m.cluster_id = @cluster AND m.status <> @active
          AND GREATEST(m.start_time, m.i_am_alive_time, (SELECT max(t) FROM unnest(m.suspect_times) AS t)) < @before
        """;
}
