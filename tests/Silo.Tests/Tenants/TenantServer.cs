using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using Platform.Api.Tenants;
using Platform.Silo.Hosting;
using Platform.Silo.Tests.Serving.Support;

namespace Platform.Silo.Tests.Tenants;

/// <summary>
/// The real embedded `platform serve` host (tiny-qwen2 as "qwen", memory state) with an `--api-keys` file of one
/// tenant per limit under test: each tenant's key is "sk-{tenant}".
/// </summary>
public sealed class TenantServer : IAsyncLifetime
{
    public const string KeyFile = """
        {
          "tenants": {
            "rpm": { "requests_per_minute": 2 },
            "tpm": { "tokens_per_minute": 5 },
            "daily": { "tokens_per_day": 1, "tokens_per_month": 1000000 },
            "metered": { "tokens_per_day": 100000 }
          },
          "keys": [ KEYS ]
        }
        """;

    public static readonly string[] Tenants = ["rpm", "tpm", "daily", "metered"];

    PlatformHost? _host;

    public Uri Address { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        var keys = string.Join(", ", Tenants.Select(t => $$"""{"sha256": "{{ApiKeyHash.Hex(Key(t))}}", "tenant": "{{t}}"}"""));
        var serve = new ServeOptions { Host = "127.0.0.1", Port = 0, TenantKeys = ApiKeyFile.Parse(KeyFile.Replace("KEYS", keys, StringComparison.Ordinal), "keys.json") };
        _host = await PlatformHost.StartAsync(serve, [ServingServer.Model(ServingServer.Qwen, "tiny-qwen2")], logging: _ => { });
        await _host.WaitUntilReadyAsync(TimeSpan.FromMinutes(1));
        Address = new Uri(_host.Url);
    }

    public static string Key(string tenant) => $"sk-{tenant}";

    /// <summary>A client that sends <paramref name="key"/> as its bearer token.</summary>
    public HttpClient Client(string key)
    {
        var client = new HttpClient { BaseAddress = Address, Timeout = TimeSpan.FromMinutes(2) };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        return client;
    }

    /// <summary>A two-token chat: status, `Retry-After` (or null) and parsed body.</summary>
    public static async Task<(int Status, string? RetryAfter, JsonNode Body)> ChatAsync(HttpClient client)
    {
        using var request = ServingServer.Post("/v1/chat/completions",
            """{"model":"qwen","messages":[{"role":"user","content":"Hi"}],"max_tokens":2,"temperature":0}""", null);
        using var response = await client.SendAsync(request);
        var retryAfter = response.Headers.TryGetValues("Retry-After", out var values) ? values.Single() : null;
        return ((int)response.StatusCode, retryAfter, JsonNode.Parse(await response.Content.ReadAsStringAsync())!);
    }

    public async Task DisposeAsync()
    {
        if (_host is not null)
            await _host.DisposeAsync().AsTask().WaitAsync(TimeSpan.FromMinutes(1));
    }
}
