using System.Diagnostics;

namespace Platform.Silo.Benchmarks;

/// <summary>`platform bench serve`'s load: at each concurrency level, that many clients stream requests back to back over HTTP.</summary>
public static class ServeBenchmark
{
    /// <summary>Runs one warm-up request, then every level in turn against the server behind <paramref name="http"/>; prints the table to <paramref name="output"/>.</summary>
    public static async Task<IReadOnlyList<ServeLevelResult>> RunAsync(HttpClient http, string model, ServeBenchmarkOptions options, TextWriter output, CancellationToken cancellationToken = default)
    {
        options.Validate();
        var client = new StreamingCompletionClient(http, model, options.MaxTokens, options.Chat);
        var words = Math.Max(1, options.PromptTokens - 1);
        // The first request pays JIT and first-touch costs that belong to no level; its seed lies beyond every level's,
        // so it warms no request's prefix.
        await client.SendAsync(BenchPrompt.Make(words, seed: int.MaxValue), cancellationToken).ConfigureAwait(false);
        var results = new List<ServeLevelResult>();
        var seed = 0;
        foreach (var level in options.Levels)
        {
            var firstSeed = seed;
            seed += level * options.RequestsPerClient;
            results.Add(await RunLevelAsync(client, level, options.RequestsPerClient, words, firstSeed, cancellationToken).ConfigureAwait(false));
        }
        ServeReport.Write(output, model, options, results);
        return results;
    }

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
