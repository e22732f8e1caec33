using Microsoft.Extensions.Logging;
using Orleans.Runtime;
using Platform.Api.Hosting;
using Platform.Grains.Interfaces.Models;

namespace Platform.Api.Dashboard;

/// <summary>
/// Samples the cluster for the dashboard when it is polled (at most once a second however many pages are open): each
/// model's deployment status with its replicas' metrics, and the silos from Orleans' management grain. Keeps ten
/// minutes of samples, from which rates and percentiles over the last minute and the chart points are computed.
/// </summary>
internal sealed class DashboardSampler(ApiServices api, TimeProvider time, ILogger<DashboardSampler> logger)
{
    private static readonly TimeSpan Fresh = TimeSpan.FromSeconds(1);
    private static readonly double WindowSeconds = 60;
    private static readonly double ChartStepSeconds = 10;
    private static readonly double KeepSeconds = 600;

    private readonly SemaphoreSlim _sampling = new(1, 1);
    private readonly Dictionary<string, List<ModelSample>> _history = new(StringComparer.Ordinal);
    private DashboardData? _last;
    private long _lastAt;

    public async Task<DashboardData> GetAsync(CancellationToken ct)
    {
        await _sampling.WaitAsync(ct);
        try
        {
            if (_last is null || time.GetElapsedTime(_lastAt) >= Fresh)
            {
                _last = await SampleAsync();
                _lastAt = time.GetTimestamp();
            }
            return _last;
        }
        finally
        {
            _sampling.Release();
        }
    }

    private async Task<DashboardData> SampleAsync()
    {
        var now = time.GetUtcNow().ToUnixTimeMilliseconds() / 1000.0;
        var statuses = await Task.WhenAll(api.Options.ServedModels.Select(m => api.Grains.GetGrain<IDeploymentGrain>(m).GetStatus()));
        var models = statuses.Select(status => Panel(now, status)).ToList();
        foreach (var gone in _history.Keys.Except(statuses.Select(s => s.Model)).ToList())
            _history.Remove(gone);
        var (silos, sessions) = await SilosAsync(statuses);
        return new DashboardData(now, WindowSeconds, models, sessions, silos);
    }

    private ModelPanel Panel(double now, DeploymentStatus status)
    {
        var sample = ModelSample.Of(now, status);
        if (!_history.TryGetValue(status.Model, out var history))
            _history[status.Model] = history = [];
        history.Add(sample);
        history.RemoveAll(s => s.Time < now - KeepSeconds);
        var windowStart = history.FirstOrDefault(s => s.Time >= now - WindowSeconds && s != sample);
        var metrics = status.Metrics ?? [];
        var queries = metrics.Sum(m => m.PrefixQueries);
        var hits = metrics.Sum(m => m.PrefixHits);
        var replicas = status.ReplicaStatuses.Select(r =>
            new ReplicaRow(r.ReplicaKey, r.Silo, r.Phase.ToString().ToLowerInvariant(), r.Load.Running, r.Load.Waiting, r.Load.KvUsage)).ToList();
        return new ModelPanel(status.Model, replicas, sample.Running, sample.Waiting, sample.KvCacheUsage,
            metrics.Sum(m => m.Requests), metrics.Sum(m => m.PromptTokens), metrics.Sum(m => m.GenerationTokens), queries, hits,
            queries > 0 ? hits / queries : null, sample.TokensPerSecond(windowStart),
            Percentiles(windowStart?.Ttft, sample.Ttft), Percentiles(windowStart?.Itl, sample.Itl), Chart(history));
    }

    /// <summary>A point per sample, each over the <see cref="ChartStepSeconds"/> before it.</summary>
    private static List<HistoryPoint> Chart(List<ModelSample> history)
    {
        var points = new List<HistoryPoint>(history.Count);
        var from = 0;
        for (var i = 0; i < history.Count; i++)
        {
            var s = history[i];
            while (from < i - 1 && history[from + 1].Time <= s.Time - ChartStepSeconds)
                from++;
            var before = from < i ? history[from] : null;
            var ttft = Percentiles(before?.Ttft, s.Ttft);
            var itl = Percentiles(before?.Itl, s.Itl);
            points.Add(new HistoryPoint(s.Time, s.TokensPerSecond(before), ttft.P50, ttft.P99, itl.P50, itl.P99, s.Running, s.Waiting, s.KvCacheUsage));
        }
        return points;
    }

    private static Percentiles Percentiles(HistogramCounts? before, HistogramCounts? now) =>
        now is null ? new Percentiles(null, null) : new Percentiles(HistogramQuantile.Between(before, now, 0.5), HistogramQuantile.Between(before, now, 0.99));

    private async Task<(List<SiloRow> Silos, int? Sessions)> SilosAsync(DeploymentStatus[] statuses)
    {
        try
        {
            var management = api.Grains.GetGrain<IManagementGrain>(0);
            var hosts = await management.GetHosts(onlyActive: true);
            var addresses = hosts.Keys.ToArray();
            var stats = await management.GetRuntimeStatistics(addresses);
            var grains = await management.GetSimpleGrainStatistics();
            var replicas = statuses.SelectMany(s => s.ReplicaStatuses).Where(r => r.Silo.Length > 0).GroupBy(r => r.Silo).ToDictionary(g => g.Key, g => g.Count());
            var rows = addresses.Select((address, i) =>
            {
                var key = address.ToParsableString();
                var env = stats[i].EnvironmentStatistics;
                return new SiloRow(key, hosts[address].ToString().ToLowerInvariant(), stats[i].ActivationCount, replicas.GetValueOrDefault(key),
                    Math.Round(env.FilteredCpuUsagePercentage, 1), env.FilteredMemoryUsageBytes);
            }).OrderBy(r => r.Address, StringComparer.Ordinal).ToList();
            return (rows, grains.Where(g => g.GrainType == "session").Sum(g => g.ActivationCount));
        }
        catch (Exception error) when (error is not OperationCanceledException)
        {
            // The page still shows the models; the silo table says nothing rather than something wrong.
            logger.LogWarning("Dashboard: the cluster's silos could not be listed: {Error}", error.Message);
            return ([], null);
        }
    }
}
