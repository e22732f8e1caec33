using System.Diagnostics.Metrics;

namespace Platform.Grains;

/// <summary>The grains' instruments (System.Diagnostics.Metrics), exported by whatever listens to the "Platform.Grains" meter.</summary>
public static class GrainMetrics
{
    public const string MeterName = "Platform.Grains";

    private static readonly Meter Meter = new(MeterName);

    /// <summary>Seconds from a model replica's activation to a ready engine (weights mapped, KV pool allocated).</summary>
    public static readonly Histogram<double> ColdStartSeconds = Meter.CreateHistogram<double>("platform.model.cold_start", "s",
        "Time to load a model replica on activation");
}
