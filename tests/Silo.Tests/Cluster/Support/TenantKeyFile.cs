using System.Net.Http.Headers;
using Npgsql;

namespace Platform.Silo.Tests.Cluster.Support;

/// <summary>An `--api-keys` file in the temp folder for the test's processes (deleted on dispose), with the helpers tenant tests share.</summary>
internal sealed class TenantKeyFile : IDisposable
{
    public TenantKeyFile(string json)
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"keys-{Guid.NewGuid():N}.json");
        File.WriteAllText(Path, json);
    }

    public string Path { get; }

    /// <summary>A client of <paramref name="node"/> that sends <paramref name="key"/> as its bearer token.</summary>
    public static HttpClient Client(ClusterNode node, string key)
    {
        var client = node.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        return client;
    }

    /// <summary>When the tenant's usage row in `platform_grain_state` was last written, or null when there is none.</summary>
    public static async Task<DateTime?> StoredAtAsync(string connectionString, string tenant)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            "SELECT max(updated_at) FROM platform_grain_state WHERE state_name = 'tenant' AND position(convert_to(@tenant, 'UTF8') in grain_key) > 0", connection);
        command.Parameters.AddWithValue("tenant", tenant);
        return await command.ExecuteScalarAsync() as DateTime?;
    }

    public void Dispose() => File.Delete(Path);
}
