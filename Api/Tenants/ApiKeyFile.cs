using System.Text.Json;
using Platform.Grains.Interfaces.Tenants;

namespace Platform.Api.Tenants;

/// <summary>
/// Reads the `--api-keys` file: `{"tenants": {ID: {limits}}, "keys": [{"sha256": HEX, "tenant": ID}]}`. Keys are
/// stored only as SHA-256 hashes. Strict: an unknown field, a duplicate hash, a limit that is not a positive integer,
/// or a tenant with limits but no key is an error naming the file and the place, never skipped.
/// </summary>
public static class ApiKeyFile
{
    public const string RequestsPerMinute = "requests_per_minute";
    public const string MaxConcurrentRequests = "max_concurrent_requests";
    public const string TokensPerMinute = "tokens_per_minute";
    public const string TokensPerDay = "tokens_per_day";
    public const string TokensPerMonth = "tokens_per_month";

    static readonly string[] LimitNames = [RequestsPerMinute, MaxConcurrentRequests, TokensPerMinute, TokensPerDay, TokensPerMonth];

    /// <summary>Reads and parses <paramref name="path"/>.</summary>
    public static TenantKeyring Load(string path)
    {
        string json;
        try
        {
            json = File.ReadAllText(path);
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException)
        {
            throw new ApiKeyFileException($"the API key file '{path}' cannot be read: {error.Message}");
        }
        return Parse(json, path);
    }

    /// <summary>Parses the file's text; <paramref name="path"/> only names it in errors.</summary>
    public static TenantKeyring Parse(string json, string path)
    {
        try
        {
            using var document = JsonDocument.Parse(json);
            return Read(document.RootElement);
        }
        catch (JsonException error)
        {
            throw new ApiKeyFileException($"the API key file '{path}' is not valid JSON: {error.Message}");
        }
        catch (FormatException problem)
        {
            throw new ApiKeyFileException($"the API key file '{path}' is invalid: {problem.Message}");
        }
    }

    static TenantKeyring Read(JsonElement root)
    {
        var fields = Fields(root, "the file", ["tenants", "keys"]);
        var limits = new Dictionary<string, TenantLimits>(StringComparer.Ordinal);
        if (fields.TryGetValue("tenants", out var tenants))
            foreach (var (id, value) in Fields(tenants, "tenants", null))
                limits[TenantId(id, $"tenants.{id}")] = Limits(value, $"tenants.{id}");
        if (!fields.TryGetValue("keys", out var keys) || keys.ValueKind != JsonValueKind.Array || keys.GetArrayLength() == 0)
            throw new FormatException("'keys' must be an array with at least one key.");
        var result = new List<TenantKey>();
        var hashes = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var index = 0;
        foreach (var entry in keys.EnumerateArray())
        {
            var where = $"keys[{index++}]";
            var key = Fields(entry, where, ["sha256", "tenant"]);
            var hex = Text(key, "sha256", where);
            var hash = ApiKeyHash.Parse(hex)
                ?? throw new FormatException($"{where}.sha256 must be 64 hexadecimal characters, the SHA-256 of the key (`platform hash-key` prints it).");
            if (!hashes.Add(hex))
                throw new FormatException($"{where}.sha256 repeats an earlier key's hash.");
            var tenant = TenantId(Text(key, "tenant", where), $"{where}.tenant");
            result.Add(new TenantKey(hash, new TenantIdentity(tenant, limits.GetValueOrDefault(tenant, TenantLimits.None))));
        }
        if (limits.Keys.FirstOrDefault(t => result.All(k => k.Tenant.Id != t)) is { } orphan)
            throw new FormatException($"tenants.{orphan} has limits but no key names it.");
        return new TenantKeyring(result);
    }

    static TenantLimits Limits(JsonElement value, string where)
    {
        var fields = Fields(value, where, LimitNames);
        long? Get(string name) => fields.TryGetValue(name, out var v) ? Positive(v, $"{where}.{name}") : null;
        var concurrent = Get(MaxConcurrentRequests);
        if (concurrent > int.MaxValue)
            throw new FormatException($"{where}.{MaxConcurrentRequests} must be at most {int.MaxValue}.");
        return new TenantLimits(Get(RequestsPerMinute), (int?)concurrent, Get(TokensPerMinute), Get(TokensPerDay), Get(TokensPerMonth));
    }

    static long Positive(JsonElement value, string where) =>
        value.ValueKind == JsonValueKind.Number && value.TryGetInt64(out var n) && n > 0 ? n
            : throw new FormatException($"{where} must be a positive integer, got {value.GetRawText()}.");

    static string Text(Dictionary<string, JsonElement> fields, string name, string where) =>
        fields.TryGetValue(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString()!
            : throw new FormatException($"{where}.{name} must be a string.");

    /// <summary>A tenant id: 1 to 64 characters from `A-Za-z0-9._:-`, and not the reserved id of the single `--api-key`.</summary>
    static string TenantId(string id, string where)
    {
        if (id.Length is 0 or > 64 || !id.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or ':' or '-'))
            throw new FormatException($"{where}: tenant id '{id}' must be 1 to 64 characters from A-Za-z0-9._:-.");
        if (id == TenantIdentity.DefaultId)
            throw new FormatException($"{where}: tenant id '{id}' is reserved for the single --api-key.");
        return id;
    }

    /// <summary>An object's fields; <paramref name="allowed"/> (null: any name) rejects unknown ones, and a repeated name is an error.</summary>
    static Dictionary<string, JsonElement> Fields(JsonElement value, string where, string[]? allowed)
    {
        if (value.ValueKind != JsonValueKind.Object)
            throw new FormatException($"{where} must be a JSON object.");
        var fields = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
        foreach (var property in value.EnumerateObject())
        {
            if (allowed is not null && Array.IndexOf(allowed, property.Name) < 0)
                throw new FormatException($"{where} has an unknown field '{property.Name}' (allowed: {string.Join(", ", allowed)}).");
            if (!fields.TryAdd(property.Name, property.Value))
                throw new FormatException($"{where} repeats the field '{property.Name}'.");
        }
        return fields;
    }
}
