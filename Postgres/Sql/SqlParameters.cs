using Npgsql;
using NpgsqlTypes;

namespace Platform.Postgres.Sql;

/// <summary>Explicitly typed command parameters.</summary>
internal static class SqlParameters
{
    // The type is given rather than inferred because inference fails for nulls and empty arrays; not named Add, as
    // NpgsqlParameterCollection.Add(name, type, size) would silently win overload resolution for integer values.
    public static void AddValue(this NpgsqlParameterCollection parameters, string name, NpgsqlDbType type, object? value) =>
        parameters.Add(new NpgsqlParameter(name, type) { Value = value ?? DBNull.Value });
}
