namespace Platform.Silo.Benchmarks;

/// <summary>
/// One model's figures per replica from `/metrics`, each summed over every scraped host (Prometheus-style: a process reports
/// only its own replicas): finished requests and preemptions, and KV capacity in tokens. Keyed by the `replica` label.
/// </summary>
public sealed record ReplicaCounts(IReadOnlyDictionary<string, long> Requests, IReadOnlyDictionary<string, long> Preemptions, IReadOnlyDictionary<string, long> KvTokens)
{
    private const string RequestSuccess = "vllm:request_success_total";
    private const string PreemptionsTotal = "vllm:num_preemptions_total";
    private const string CacheConfig = "vllm:cache_config_info";

    public long TotalRequests => Requests.Values.Sum();

    /// <summary>Sums the series of <paramref name="model"/> in the scrape texts <paramref name="scrapes"/>; finished reasons are added together.</summary>
    public static ReplicaCounts FromScrapes(IEnumerable<string> scrapes, string model)
    {
        var requests = new Dictionary<string, long>();
        var preemptions = new Dictionary<string, long>();
        var kvTokens = new Dictionary<string, long>();
        foreach (var sample in scrapes.SelectMany(PrometheusSamples.Parse))
        {
            if (!sample.Labels.TryGetValue("model_name", out var name) || name != model)
                continue;
            var replica = sample.Labels.GetValueOrDefault("replica", "");
            switch (sample.Name)
            {
                case RequestSuccess:
                    Add(requests, replica, (long)sample.Value);
                    break;
                case PreemptionsTotal:
                    Add(preemptions, replica, (long)sample.Value);
                    break;
                case CacheConfig when long.TryParse(sample.Labels.GetValueOrDefault("num_gpu_blocks"), out var blocks)
                                      && long.TryParse(sample.Labels.GetValueOrDefault("block_size"), out var blockSize):
                    kvTokens[replica] = blocks * blockSize;
                    break;
            }
        }
        return new ReplicaCounts(requests, preemptions, kvTokens);
    }

    /// <summary>Scrapes `/metrics` of every host in <paramref name="hostUrls"/> (server roots) and sums <paramref name="model"/>'s series.</summary>
    public static async Task<ReplicaCounts> ScrapeAsync(HttpClient http, IEnumerable<string> hostUrls, string model, CancellationToken cancellationToken)
    {
        var scrapes = await Task.WhenAll(hostUrls.Select(async url =>
        {
            var metrics = new Uri(new Uri(url.TrimEnd('/') + "/"), "metrics");
            try
            {
                return await http.GetStringAsync(metrics, cancellationToken).ConfigureAwait(false);
            }
            catch (HttpRequestException e)
            {
                throw new HttpRequestException($"GET {metrics} failed (the report counts requests per replica from it): {e.Message}", e);
            }
        })).ConfigureAwait(false);
        return FromScrapes(scrapes, model);
    }

    /// <summary>What happened since <paramref name="before"/>: counters as differences, KV capacity as now.</summary>
    public ReplicaCounts Since(ReplicaCounts before) =>
        new(Difference(Requests, before.Requests), Difference(Preemptions, before.Preemptions), KvTokens);

    private static Dictionary<string, long> Difference(IReadOnlyDictionary<string, long> after, IReadOnlyDictionary<string, long> before) =>
        after.ToDictionary(kv => kv.Key, kv => kv.Value - before.GetValueOrDefault(kv.Key));

    private static void Add(Dictionary<string, long> sums, string key, long value) => sums[key] = sums.GetValueOrDefault(key) + value;
}
