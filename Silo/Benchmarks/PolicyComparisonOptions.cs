using Platform.Grains.Deployments;
using Platform.Silo.Hosting;

namespace Platform.Silo.Benchmarks;

/// <summary>Where the routing comparison runs: the policies; for servers the bench starts, the silos and their cluster database; for a running server, the hosts to read `/metrics` from.</summary>
public sealed record PolicyComparisonOptions
{
    public static readonly IReadOnlyList<string> DefaultPolicies = ["random", "round-robin", "session", "prefix"];

    /// <summary>Routing policies, one row each, in this order (with `--url`: the one policy the server runs).</summary>
    public IReadOnlyList<string> Policies { get; init; } = DefaultPolicies;

    /// <summary>In-process silos per policy, each with one replica.</summary>
    public int Silos { get; init; } = 3;

    /// <summary>postgres:// URL the in-process silos form their clusters in; needed for more than one silo.</summary>
    public string? ClusterUrl { get; init; }

    /// <summary>With `--url`: server roots whose `/metrics` together cover every replica; empty for `--url` alone.</summary>
    public IReadOnlyList<string> MetricsUrls { get; init; } = [];

    /// <summary>Parses `random,round-robin,...` into known, distinct policy names.</summary>
    public static IReadOnlyList<string> ParsePolicies(string text)
    {
        var names = text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        foreach (var name in names)
            RoutingPolicies.Parse(name);
        if (names.Length == 0)
            throw new ArgumentException("--routing needs one or more policies.");
        if (names.Distinct().Count() != names.Length)
            throw new ArgumentException($"--routing names a policy twice: '{text}'.");
        return names;
    }

    /// <summary>Throws <see cref="ArgumentException"/> for settings that cannot work together with <paramref name="target"/>.</summary>
    public void Validate(ServeTarget target)
    {
        foreach (var policy in Policies)
            RoutingPolicies.Parse(policy);
        if (Policies.Count == 0)
            throw new ArgumentException("--routing needs one or more policies.");
        if (target.Url is not null)
        {
            if (Policies.Count != 1)
                throw new ArgumentException("with --url the workload runs once against that server: give --routing POLICY, the one it runs.");
            if (ClusterUrl is not null)
                throw new ArgumentException("--cluster is for the silos the bench starts; with --url it drives the server as it runs.");
            foreach (var url in MetricsUrls)
                BenchHttpClient.ServerRoot(url, "--metrics-url");
            return;
        }
        if (MetricsUrls.Count > 0)
            throw new ArgumentException("--metrics-url goes with --url; the bench reads its own silos' /metrics.");
        if (Silos < 1)
            throw new ArgumentException($"--silos must be positive, got {Silos}.");
        if (Silos > 1 && ClusterUrl is null)
            throw new ArgumentException($"--silos {Silos} form a cluster in PostgreSQL: give --cluster postgres://user:pass@host:port/db.");
        if (ClusterUrl is not null)
            _ = PostgresUrl.ToConnectionString(ClusterUrl);
    }
}
