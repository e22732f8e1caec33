namespace Platform.Silo.Benchmarks;

/// <summary>Prints the routing comparison: one row per policy (and the baseline), then the ratios the routing goals are stated in.</summary>
public static class RoutingReport
{
    public const string BaselineLabel = "baseline";

    public static void Write(TextWriter output, string model, TenantWorkload workload, TokenCalibration calibration, IReadOnlyList<PolicyResult> rows)
    {
        var o = workload.Options;
        output.WriteLine($"model {model}: {o.Tenants} tenants x {o.Users} users x {o.Turns} turns = {o.RequestCount} streamed chat requests (greedy, max_tokens {o.MaxTokens}, history resent, no session id); " +
                         $"system prompts {calibration.SystemPromptTokens.Min()}-{calibration.SystemPromptTokens.Max()} tokens (asked ~{o.SystemPromptTokens}), " +
                         $"~{o.UserTokens} new tokens per user turn; up to {o.ConcurrentUsers} users at once");
        output.WriteLine($"{"policy",-12} {"silos",5} {"reqs",5} {"prompt",9} {"computed",9} {"cached",9} {"hit %",6} {"TTFT p50",8} {"p90",8} {"out tok/s",9} {"balance",7} {"preempt",7} {"KV tok/rep",10}  requests per replica");
        foreach (var r in rows)
            output.WriteLine($"{r.Label,-12} {(r.Silos > 0 ? r.Silos.ToString() : "-"),5} {r.Requests,5} {r.PromptTokens,9} {r.ComputedTokens,9} {r.CachedTokens,9} {r.HitRate * 100,6:F1} " +
                             $"{Ms(r.P50TimeToFirstTokenSeconds),8} {Ms(r.P90TimeToFirstTokenSeconds),8} {r.OutputTokensPerSecond,9:F1} {Number(r.Balance),7} {r.Preemptions,7} {r.KvTokensPerReplica,10}  " +
                             string.Join(' ', r.Replicas.Requests.OrderBy(kv => kv.Key, StringComparer.Ordinal).Select(kv => kv.Value)));
        output.WriteLine("computed = prompt - cached (tokens the replicas prefilled); hit % = cached / prompt (usage.prompt_tokens_details.cached_tokens); TTFT in ms to the first content chunk; " +
                         "out tok/s = output tokens / wall time of the run; balance = max / mean requests per replica (vllm:request_success_total summed over every host's /metrics)");
        foreach (var r in rows.Where(r => r.Replicas.TotalRequests != r.Requests))
            output.WriteLine($"note: /metrics counted {r.Replicas.TotalRequests} requests for {r.Label}, not {r.Requests}: some replica's host was not scraped, or other clients used the server.");
        foreach (var line in Ratios(rows))
            output.WriteLine(line);
    }

    /// <summary>Each policy's hit rate over the baseline's, and round-robin's TTFT p90 over prefix's, for the rows that exist.</summary>
    public static IEnumerable<string> Ratios(IReadOnlyList<PolicyResult> rows)
    {
        var policies = rows.Where(r => r.Label != BaselineLabel).ToList();
        if (rows.FirstOrDefault(r => r.Label == BaselineLabel) is { } baseline && policies.Count > 0)
            yield return "hit rate / baseline's: " + string.Join(", ", policies.Select(p => $"{p.Label} {Ratio(p.HitRate, baseline.HitRate)}"));
        if (policies.FirstOrDefault(r => r.Label == "round-robin") is { } roundRobin && policies.FirstOrDefault(r => r.Label == "prefix") is { } prefix)
            yield return $"TTFT p90 round-robin / prefix: {Ratio(roundRobin.P90TimeToFirstTokenSeconds, prefix.P90TimeToFirstTokenSeconds)}";
    }

    private static string Ratio(double value, double over) => over > 0 && !double.IsNaN(value) ? $"{value / over:F2}x" : "-";

    private static string Ms(double seconds) => double.IsNaN(seconds) ? "-" : $"{seconds * 1000:F1}";

    private static string Number(double value) => double.IsNaN(value) ? "-" : $"{value:F2}";
}
