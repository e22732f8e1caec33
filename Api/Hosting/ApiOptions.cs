namespace Platform.Api.Hosting;

/// <summary>Settings of the HTTP API that the serve command fills before <see cref="PlatformApiServiceCollectionExtensions.AddPlatformApi"/>.</summary>
public sealed class ApiOptions
{
    /// <summary>The served model names (deployment keys), in the order `/v1/models` lists them.</summary>
    public IList<string> ServedModels { get; } = new List<string>();

    /// <summary>When set, every request except `/health` must carry `Authorization: Bearer {ApiKey}`.</summary>
    public string? ApiKey { get; set; }

    /// <summary>The largest request body read, in bytes; larger ones get a 413 error.</summary>
    public int MaxRequestBodyBytes { get; set; } = 16 * 1024 * 1024;

    /// <summary>Whether <paramref name="model"/> is one of the <see cref="ServedModels"/> (exact, case-sensitive as OpenAI is).</summary>
    public bool Serves(string model) => ServedModels.Contains(model, StringComparer.Ordinal);
}
