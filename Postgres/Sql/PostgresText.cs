namespace Platform.Postgres.Sql;

/// <summary>Makes any .NET string storable in a PostgreSQL `text` column, which cannot hold U+0000.</summary>
internal static class PostgresText
{
    /// <summary><paramref name="value"/> with each U+0000 replaced by U+FFFD (the replacement character); null stays null.</summary>
    public static string? WithoutNul(string? value) =>
        value is null || !value.Contains('\0', StringComparison.Ordinal) ? value : value.Replace('\0', '\uFFFD');
}
