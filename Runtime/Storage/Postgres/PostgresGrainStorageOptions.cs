using System.Text.RegularExpressions;

namespace Platform.Runtime.Storage.Postgres;

/// <summary>Where a PostgreSQL grain storage keeps its records.</summary>
public sealed partial class PostgresGrainStorageOptions
{
    public string ConnectionString { get; set; } = "";

    /// <summary>The one table holding every grain state of this provider; created on start when absent.</summary>
    public string TableName { get; set; } = "grain_state";

    internal void Validate(string storageName)
    {
        if (string.IsNullOrWhiteSpace(ConnectionString))
            throw new ArgumentException($"PostgreSQL grain storage '{storageName}' needs a connection string.");
        if (!IdentifierPattern().IsMatch(TableName))
            throw new ArgumentException(
                $"PostgreSQL grain storage '{storageName}': table name '{TableName}' must be a lower-case identifier (letters, digits, '_', at most 63).");
    }

    // The name is spliced into SQL text, so only plain identifiers are allowed.
    [GeneratedRegex("^[a-z_][a-z0-9_]{0,62}$")]
    private static partial Regex IdentifierPattern();
}
