namespace Platform.Api.Hosting;

/// <summary>Settings of the HTTP API that the host fills before <see cref="PlatformApiServiceCollectionExtensions.AddPlatformApi"/>.</summary>
public sealed class ApiOptions
{
    private volatile string[] _servedModels = [];

    /// <summary>The served model names (deployment keys), in the order `/v1/models` lists them.</summary>
    public IReadOnlyList<string> ServedModels => _servedModels;

    /// <summary>When set, every request except `/health` must carry `Authorization: Bearer {ApiKey}`.</summary>
    public string? ApiKey { get; set; }

    /// <summary>The keys of the `--api-keys` file, each naming its tenant and limits; with <see cref="ApiKey"/> both are accepted.</summary>
    public Tenants.TenantKeyring? TenantKeys { get; set; }

    /// <summary>Whether each request gets an access-log line at Information (method, path, status, tokens, duration).</summary>
    public bool AccessLog { get; set; } = true;

    /// <summary>The audit log (a record per API call), or null when it is off.</summary>
    public Audit.AuditOptions? Audit { get; set; }

    /// <summary>The largest request body read, in bytes; larger ones get a 413 error.</summary>
    public int MaxRequestBodyBytes { get; set; } = 16 * 1024 * 1024;

    /// <summary>Served aliases by name (`--alias`): each splits its traffic between served models by weight.</summary>
    public IReadOnlyDictionary<string, Traffic.ModelAlias> Aliases { get; set; } = new Dictionary<string, Traffic.ModelAlias>();

    /// <summary>Adds a served model name (ignored when already listed).</summary>
    public void AddServedModel(string name) => ReplaceServedModels([.. _servedModels, name]);

    /// <summary>Replaces the list at once (an API node follows the cluster's registry this way while requests read it).</summary>
    public void ReplaceServedModels(IEnumerable<string> names) => _servedModels = names.Distinct(StringComparer.Ordinal).ToArray();

    /// <summary>Whether <paramref name="model"/> is one of the <see cref="ServedModels"/> (exact, case-sensitive as OpenAI is).</summary>
    public bool Serves(string model) => Array.IndexOf(_servedModels, model) >= 0;
}
