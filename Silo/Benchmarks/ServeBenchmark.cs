using System.Diagnostics;

namespace Platform.Silo.Benchmarks;

/// <summary>`platform bench serve`'s load: at each concurrency level, that many clients stream requests back to back over HTTP.</summary>
public static class ServeBenchmark
{
    /// <summary>
    /// Runs every level in turn against the server behind <paramref name="http"/>, each after a warm-up round at its own
    /// concurrency; prints the table to <paramref name="output"/>.
    /// </summary>
    public static async Task<IReadOnlyList<ServeLevelResult>> RunAsync(HttpClient http, string model, ServeBenchmarkOptions options, TextWriter output, CancellationToken cancellationToken = default)
    {
        options.Validate();
        var client = new StreamingCompletionClient(http, model, options.MaxTokens, options.Chat);
        var words = Math.Max(1, options.PromptTokens - 1);
        var results = new List<ServeLevelResult>();
        var seed = 0;
        foreach (var level in options.Levels)
        {
            await WarmUpAsync(client, level, words, cancellationToken).ConfigureAwait(false);
            var firstSeed = seed;
            seed += level * options.RequestsPerClient;
            results.Add(await RunLevelAsync(client, level, options.RequestsPerClient, words, firstSeed, cancellationToken).ConfigureAwait(false));
        }
        ServeReport.Write(output, model, options, results);
        return results;
    }

    /// <summary>
    /// One request per client at the level's concurrency, then a pause: the runtime recompiles hot methods (tiered
    /// JIT) on a background thread for a while after their first calls, and on a two-core machine that compilation
    /// steals whole steps from the measured level (at 16 streams it doubled the inter-token p99 of a fresh process).
    /// Seeds lie beyond every level's, so the warm-up caches no measured request's prefix.
    /// </summary>
    private static async Task WarmUpAsync(StreamingCompletionClient client, int concurrency, int words, CancellationToken cancellationToken)
    {
        await Task.WhenAll(Enumerable.Range(0, concurrency)
            .Select(c => client.SendAsync(BenchPrompt.Make(words, seed: int.MaxValue - c), cancellationToken))).ConfigureAwait(false);
        await Task.Delay(WarmUpSettle, cancellationToken).ConfigureAwait(false);
    }

    // Longer than the runtime's tiering delay (100 ms of no new tier-0 code) plus a tier-1 compile of the hot set.
    private static readonly TimeSpan WarmUpSettle = TimeSpan.FromSeconds(1);

    private static async Task<ServeLevelResult> RunLevelAsync(StreamingCompletionClient client, int concurrency, int requestsPerClient, int words, int firstSeed, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        var clients = Enumerable.Range(0, concurrency).Select(async c =>
        {
            var done = new List<StreamedCompletion>(requestsPerClient);
            for (var r = 0; r < requestsPerClient; r++)
                done.Add(await client.SendAsync(BenchPrompt.Make(words, firstSeed + c * requestsPerClient + r), cancellationToken).ConfigureAwait(false));
            return done;
        }).ToArray();
        var completed = await Task.WhenAll(clients).ConfigureAwait(false);
        var wall = Stopwatch.GetElapsedTime(started).TotalSeconds;
        return ServeLevelResult.From(concurrency, completed.SelectMany(c => c).ToList(), wall);
    }
}
