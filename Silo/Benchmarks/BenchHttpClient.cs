namespace Platform.Silo.Benchmarks;

/// <summary>The HTTP client benchmarks drive a server with.</summary>
public static class BenchHttpClient
{
    /// <summary>A client for <paramref name="baseUrl"/> that owns its handler: one connection per concurrent request, as separate users would have, and no client-side timeout capping a slow run.</summary>
    public static HttpClient Create(string baseUrl)
    {
        var handler = new SocketsHttpHandler { MaxConnectionsPerServer = int.MaxValue, PooledConnectionIdleTimeout = TimeSpan.FromMinutes(5) };
        return new HttpClient(handler, disposeHandler: true) { BaseAddress = new Uri(baseUrl.TrimEnd('/') + "/"), Timeout = Timeout.InfiniteTimeSpan };
    }

    /// <summary>Accepts the server root or its `/v1` base, as OpenAI clients are usually configured; <paramref name="flag"/> names the flag in errors.</summary>
    public static string ServerRoot(string url, string flag = "--url")
    {
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
            throw new ArgumentException($"{flag}: '{url}' is not an http(s) URL.");
        var text = url.TrimEnd('/');
        return text.EndsWith("/v1", StringComparison.Ordinal) ? text[..^3] : text;
    }
}
