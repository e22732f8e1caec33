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
            return await RunAgainstAsync(BenchHttpClient.ServerRoot(target.Url), target.Model!, options, output, cancellationToken).ConfigureAwait(false);
        using var model = LocalServedModel.Open(target);
        output.WriteLine($"starting an in-process server for {model.Name} (KV cache {target.KvCacheMemory}) ...");
        var serve = model.ServeOptions(target.KvCacheMemory);
        if (target.MaxPrefillTokensWithDecodes is { } cap)
            serve = serve with { MaxPrefillTokensWithDecodes = cap };
        if (target.DecodeLatencyFactor is { } factor)
            serve = serve with { DecodeLatencyFactor = factor };
        if (target.LongPrefillWait is { } wait)
            serve = serve with { LongPrefillWait = wait };
        await using var server = await InProcessServer.StartAsync(serve, LoadTimeout, cancellationToken).ConfigureAwait(false);
        output.WriteLine($"serving at {server.Url}");
        return await RunAgainstAsync(server.Url, model.Name, options, output, cancellationToken).ConfigureAwait(false);
    }

    private static async Task<IReadOnlyList<ServeLevelResult>> RunAgainstAsync(string url, string model, ServeBenchmarkOptions options, TextWriter output, CancellationToken cancellationToken)
    {
        using var http = BenchHttpClient.Create(url);
        return await ServeBenchmark.RunAsync(http, model, options, output, cancellationToken).ConfigureAwait(false);
    }
}
