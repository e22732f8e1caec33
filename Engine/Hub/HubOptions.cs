namespace Platform.Engine.Hub;

/// <summary>Where the Hub is, who we are to it, and where its local cache lives.</summary>
public sealed record HubOptions
{
    /// <summary>The Hub endpoint used when HF_ENDPOINT is not set.</summary>
    public const string DefaultEndpoint = "https://huggingface.co";

    /// <summary>Base address of the Hub (no trailing slash).</summary>
    public string Endpoint { get; init; } = DefaultEndpoint;

    /// <summary>Access token sent as a bearer token, or null for anonymous access.</summary>
    public string? Token { get; init; }

    /// <summary>The hub cache root that holds the `models--org--name` folders.</summary>
    public required string CacheDirectory { get; init; }

    /// <summary>When true, nothing is fetched: only the local cache is consulted.</summary>
    public bool Offline { get; init; }

    /// <summary>How many times one file's transfer is attempted before giving up (each retry resumes).</summary>
    public int MaxAttempts { get; init; } = 5;

    /// <summary>
    /// Reads HF_ENDPOINT, HF_TOKEN, HF_HUB_OFFLINE, HF_HUB_CACHE and HF_HOME the way huggingface_hub does; without
    /// HF_TOKEN, the token saved by `hf auth login` (HF_TOKEN_PATH, else `$HF_HOME/token`) is used.
    /// </summary>
    public static HubOptions FromEnvironment(Func<string, string?>? environment = null)
    {
        environment ??= Environment.GetEnvironmentVariable;
        var endpoint = NonEmpty(environment("HF_ENDPOINT")) ?? DefaultEndpoint;
        return new HubOptions
        {
            Endpoint = endpoint.TrimEnd('/'),
            Token = NonEmpty(environment("HF_TOKEN")) ?? StoredToken(environment),
            CacheDirectory = CacheDirectoryFrom(environment),
            Offline = IsTruthy(environment("HF_HUB_OFFLINE")),
        };
    }

    static string? StoredToken(Func<string, string?> environment)
    {
        var path = NonEmpty(environment("HF_TOKEN_PATH")) is { } explicitPath
            ? ExpandHome(explicitPath, environment)
            : Path.Combine(HfHome(environment), "token");
        try
        {
            return File.Exists(path) ? NonEmpty(File.ReadAllText(path).Trim()) : null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // An unreadable token file means anonymous access, as in huggingface_hub.
            return null;
        }
    }

    static string HfHome(Func<string, string?> environment)
    {
        if (NonEmpty(environment("HF_HOME")) is { } home)
            return ExpandHome(home, environment);
        var xdgCache = NonEmpty(environment("XDG_CACHE_HOME")) ?? Path.Combine(UserHome(environment), ".cache");
        return Path.Combine(xdgCache, "huggingface");
    }

    static string CacheDirectoryFrom(Func<string, string?> environment)
    {
        if (NonEmpty(environment("HF_HUB_CACHE")) is { } hubCache)
            return ExpandHome(hubCache, environment);
        return Path.Combine(HfHome(environment), "hub");
    }

    static string ExpandHome(string path, Func<string, string?> environment) =>
        path == "~" || path.StartsWith("~/", StringComparison.Ordinal)
            ? Path.Combine(UserHome(environment), path.Length > 2 ? path[2..] : "")
            : path;

    static string UserHome(Func<string, string?> environment) =>
        NonEmpty(environment("HOME")) ?? Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);

    // huggingface_hub accepts these spellings for boolean environment switches.
    static bool IsTruthy(string? value) =>
        value is not null && value.Trim().ToUpperInvariant() is "1" or "ON" or "YES" or "TRUE";

    static string? NonEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;
}
