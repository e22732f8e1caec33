namespace Platform.Grains.Metrics;

/// <summary>Why a deployment sent a request to the replica it picked (the `reason` label of platform_routing_decisions_total).</summary>
public readonly record struct RoutingReason(string Label)
{
    /// <summary>The model has one replica: there was nothing to choose.</summary>
    public static readonly RoutingReason Single = new("single");

    /// <summary>The replica that served this session's last turn (its KV blocks are there).</summary>
    public static readonly RoutingReason Session = new("session");

    /// <summary>The replica that last served a request with the same prompt prefix.</summary>
    public static readonly RoutingReason Prefix = new("prefix");

    /// <summary>The least-loaded ready replica (no affinity, or affinity yielded to load).</summary>
    public static readonly RoutingReason Load = new("load");

    /// <summary>No replica ready: one still loading.</summary>
    public static readonly RoutingReason Loading = new("loading");

    /// <summary>No replica in memory: the next one in turn, which activates and loads.</summary>
    public static readonly RoutingReason Cold = new("cold");
}
