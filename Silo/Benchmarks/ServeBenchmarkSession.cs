namespace Platform.Silo.Benchmarks;

/// <summary>Reaches or starts the server a <see cref="ServeTarget"/> names, runs the benchmark against it over HTTP, and cleans up.</summary>
public static class ServeBenchmarkSession
{
    private static readonly TimeSpan LoadTimeout = TimeSpan.FromMinutes(10);

    public static async Task<IReadOnlyList<ServeLevelResult>> RunAsync(ServeTarget target, ServeBenchmarkOptions options, TextWriter output, CancellationToken cancellationToken = default)
    {
        target.Validate();
        options.Validate();
        if (target.Url is not null)
            return await RunAgainstAsync(BaseUrl(target.Url), target.Model!, options, output, cancellationToken).ConfigureAwait(false);
        using var folder = target.Shape is not null ? ShapeModelFolder.Create(ShapeModelFolder.ParseShape(target.Shape), target.Tokenizer!) : null;
        var path = folder?.Path ?? Path.GetFullPath(target.ServeModel!);
        var name = folder is not null ? $"random-{target.Shape!.Replace(" ", "")}-{target.Dtype}" : Path.GetFileName(path.TrimEnd(Path.DirectorySeparatorChar));
        output.WriteLine($"starting an in-process server for {name} (KV cache {target.KvCacheMemory}) ...");
        await using var server = await InProcessServer.StartAsync(path, name, folder is not null ? target.Dtype : null, target.KvCacheMemory, LoadTimeout, cancellationToken).ConfigureAwait(false);
        output.WriteLine($"serving at {server.Url}");
        return await RunAgainstAsync(server.Url, name, options, output, cancellationToken).ConfigureAwait(false);
    }

    private static async Task<IReadOnlyList<ServeLevelResult>> RunAgainstAsync(string url, string model, ServeBenchmarkOptions options, TextWriter output, CancellationToken cancellationToken)
    {
        // One connection per client, as separate users would have; no client-side timeout caps a slow level.
        using var handler = new SocketsHttpHandler { MaxConnectionsPerServer = int.MaxValue, PooledConnectionIdleTimeout = TimeSpan.FromMinutes(5) };
        using var http = new HttpClient(handler) { BaseAddress = new Uri(url.TrimEnd('/') + "/"), Timeout = Timeout.InfiniteTimeSpan };
        return await ServeBenchmark.RunAsync(http, model, options, output, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Accepts the server root or its `/v1` base, as OpenAI clients are usually configured.</summary>
    private static string BaseUrl(string url)
    {
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
            throw new ArgumentException($"--url: '{url}' is not an http(s) URL.");
        var text = url.TrimEnd('/');
        return text.EndsWith("/v1", StringComparison.Ordinal) ? text[..^3] : text;
    }
}
