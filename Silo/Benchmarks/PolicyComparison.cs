using System.Diagnostics;
using Platform.Silo.Hosting;

namespace Platform.Silo.Benchmarks;

/// <summary>
/// `platform bench serve`'s routing comparison: the tenant workload on one replica with every silo's KV memory (the
/// baseline), then on a fresh cluster of in-process silos per routing policy; or once against a running server.
/// </summary>
public static class PolicyComparison
{
    private const int WarmUpSeeds = 3 * TenantWorkloadOptions.SeedRange;
    private static readonly TimeSpan LoadTimeout = TimeSpan.FromMinutes(10);
    // Counters reach /metrics a moment after the stream's last event; the report waits this long for them to add up.
    private static readonly TimeSpan MetricsSettleTimeout = TimeSpan.FromSeconds(5);

    /// <summary>Runs every row and prints the report to <paramref name="output"/>.</summary>
    public static async Task<RoutingComparison> RunAsync(ServeTarget target, TenantWorkloadOptions options, PolicyComparisonOptions comparison,
        TextWriter output, CancellationToken cancellationToken = default)
    {
        target.Validate();
        options.Validate();
        comparison.Validate(target);
        if (target.Url is not null)
            return await RunAgainstAsync(BenchHttpClient.ServerRoot(target.Url), target.Model!, options, comparison, output, cancellationToken).ConfigureAwait(false);

        using var model = LocalServedModel.Open(target);
        var kvPerReplica = MemorySize.Parse(target.KvCacheMemory, GC.GetGCMemoryInfo().TotalAvailableMemoryBytes);
        var silos = comparison.Silos;
        var rows = new List<PolicyResult>();
        output.WriteLine($"{RoutingReport.BaselineLabel}: one silo, one replica of {model.Name} with {silos} x {target.KvCacheMemory} KV cache ...");
        TenantWorkload workload;
        TokenCalibration calibration;
        await using (var server = await InProcessServer.StartAsync(model.ServeOptions(checked(kvPerReplica * silos).ToString()), LoadTimeout, cancellationToken).ConfigureAwait(false))
        {
            using var http = BenchHttpClient.Create(server.Url);
            (workload, calibration) = await SizeAsync(http, model.Name, options, output, cancellationToken).ConfigureAwait(false);
            rows.Add(await MeasureAsync([http], [server.Url], model.Name, workload, RoutingReport.BaselineLabel, 1, 1, output, cancellationToken).ConfigureAwait(false));
        }
        foreach (var policy in comparison.Policies)
        {
            output.WriteLine($"{policy}: starting {silos} silos, one replica of {target.KvCacheMemory} KV cache each ...");
            var starting = Stopwatch.GetTimestamp();
            await using var cluster = await InProcessCluster.StartAsync(model, silos, policy, kvPerReplica, comparison.ClusterUrl, LoadTimeout, cancellationToken).ConfigureAwait(false);
            output.WriteLine($"{policy}: {cluster.Replicas.Count} replicas ready on {cluster.Replicas.Select(r => r.Silo).Distinct().Count()} silos after {Stopwatch.GetElapsedTime(starting).TotalSeconds:F1} s");
            var clients = cluster.Urls.Select(BenchHttpClient.Create).ToList();
            try
            {
                rows.Add(await MeasureAsync(clients, cluster.Urls, model.Name, workload, policy, silos, silos, output, cancellationToken).ConfigureAwait(false));
            }
            finally
            {
                clients.ForEach(c => c.Dispose());
            }
        }
        RoutingReport.Write(output, model.Name, workload, calibration, rows);
        return new RoutingComparison(workload, calibration, rows);
    }

    private static async Task<RoutingComparison> RunAgainstAsync(string url, string model, TenantWorkloadOptions options, PolicyComparisonOptions comparison,
        TextWriter output, CancellationToken cancellationToken)
    {
        using var http = BenchHttpClient.Create(url);
        var (workload, calibration) = await SizeAsync(http, model, options, output, cancellationToken).ConfigureAwait(false);
        var replicas = await ServedReplica.ListAsync(http, model, cancellationToken).ConfigureAwait(false);
        var metricsUrls = comparison.MetricsUrls.Count > 0 ? comparison.MetricsUrls.Select(u => BenchHttpClient.ServerRoot(u, "--metrics-url")).ToList() : [url];
        var row = await MeasureAsync([http], metricsUrls, model, workload, comparison.Policies[0],
            replicas.Select(r => r.Silo).Distinct().Count(), replicas.Count, output, cancellationToken).ConfigureAwait(false);
        RoutingReport.Write(output, model, workload, calibration, [row]);
        return new RoutingComparison(workload, calibration, [row]);
    }

    /// <summary>Sizes the texts with the server's tokenizer and refuses a workload whose last turns would not fit the model's context.</summary>
    private static async Task<(TenantWorkload, TokenCalibration)> SizeAsync(HttpClient http, string model, TenantWorkloadOptions options, TextWriter output, CancellationToken cancellationToken)
    {
        var calibration = await TokenCalibration.MeasureAsync(http, model, options, cancellationToken).ConfigureAwait(false);
        if (calibration.MaxModelLength > 0 && options.LastTurnContextTokens > calibration.MaxModelLength)
            throw new ArgumentException($"a last turn needs about {options.LastTurnContextTokens} tokens of context, more than {model}'s {calibration.MaxModelLength}: " +
                                        "lower --system-prompt-tokens, --turns, --user-tokens or --max-tokens.");
        var workload = new TenantWorkload(options, calibration.TokensPerWord);
        output.WriteLine($"workload: {workload.SystemPromptWords} words per system prompt ({calibration.SystemPromptTokens.Min()}-{calibration.SystemPromptTokens.Max()} tokens), " +
                         $"{workload.UserMessageWords} per user turn ({calibration.TokensPerWord:F2} tokens per word by the server's /tokenize)");
        return (workload, calibration);
    }

    /// <summary>One row: warm-up, then the workload, with every host's `/metrics` read before and after so the row counts only its own requests.</summary>
    private static async Task<PolicyResult> MeasureAsync(IReadOnlyList<HttpClient> entries, IReadOnlyList<string> hostUrls, string model, TenantWorkload workload,
        string label, int silos, int replicaCount, TextWriter output, CancellationToken cancellationToken)
    {
        await WarmUpAsync(entries[0], model, workload, Math.Max(1, replicaCount), cancellationToken).ConfigureAwait(false);
        var before = await ReplicaCounts.ScrapeAsync(entries[0], hostUrls, model, cancellationToken).ConfigureAwait(false);
        var run = await TenantRun.RunAsync(entries, model, workload, cancellationToken).ConfigureAwait(false);
        var counts = await SettledCountsAsync(entries[0], hostUrls, model, before, run.Turns.Count, cancellationToken).ConfigureAwait(false);
        output.WriteLine($"{label}: {run.Turns.Count} requests in {run.WallSeconds:F1} s");
        return new PolicyResult { Label = label, Silos = silos, ReplicaCount = replicaCount, Run = run, Replicas = counts };
    }

    // First requests pay JIT and first-touch costs no policy should be charged; their text shares no block with the workload's,
    // and as many go at once as there are replicas so that every router spreads them.
    private static Task WarmUpAsync(HttpClient http, string model, TenantWorkload workload, int count, CancellationToken cancellationToken)
    {
        var client = new StreamingCompletionClient(http, model, maxTokens: 4, chat: true);
        return Task.WhenAll(Enumerable.Range(0, count).Select(i => client.SendAsync(BenchPrompt.Make(workload.UserMessageWords, WarmUpSeeds + i), cancellationToken)));
    }

    private static async Task<ReplicaCounts> SettledCountsAsync(HttpClient http, IReadOnlyList<string> hostUrls, string model, ReplicaCounts before, int requests,
        CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        while (true)
        {
            var counts = (await ReplicaCounts.ScrapeAsync(http, hostUrls, model, cancellationToken).ConfigureAwait(false)).Since(before);
            if (counts.TotalRequests >= requests || Stopwatch.GetElapsedTime(started) > MetricsSettleTimeout)
                return counts;
            await Task.Delay(TimeSpan.FromMilliseconds(100), cancellationToken).ConfigureAwait(false);
        }
    }
}
