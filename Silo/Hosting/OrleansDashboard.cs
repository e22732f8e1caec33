using Orleans.Dashboard;

namespace Platform.Silo.Hosting;

/// <summary>Where and how the Orleans dashboard (Microsoft.Orleans.Dashboard) runs: on API processes at /dashboard/orleans.</summary>
internal static class OrleansDashboard
{
    public const string Path = "/dashboard/orleans";

    /// <summary>
    /// The same on silos and API clients. Its live log stream is off: log lines can carry request details, and the
    /// dashboard has no authorization of its own beyond the API key in front of it.
    /// </summary>
    public static void Configure(DashboardOptions options)
    {
        options.HideTrace = true;
        options.CounterUpdateIntervalMs = 2_000;
    }
}
