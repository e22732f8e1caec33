namespace Platform.Grains.Deployments;

/// <summary>How a deployment picks the replica for a request (`--routing`).</summary>
public enum RoutingPolicy
{
    /// <summary>Score each ready replica on the prompt's prefix blocks it holds, minus its load (the default).</summary>
    Prefix,

    /// <summary>The replica that last served the request's session or prompt prefix, unless it is backed up; else the least loaded.</summary>
    Session,

    /// <summary>Ready replicas in turn.</summary>
    RoundRobin,

    /// <summary>A ready replica at random.</summary>
    Random,
}

/// <summary>The `--routing` flag's spelling of each policy.</summary>
public static class RoutingPolicies
{
    public static readonly string[] Names = ["prefix", "session", "round-robin", "random"];

    public static RoutingPolicy Parse(string name) => name switch
    {
        "prefix" => RoutingPolicy.Prefix,
        "session" => RoutingPolicy.Session,
        "round-robin" => RoutingPolicy.RoundRobin,
        "random" => RoutingPolicy.Random,
        _ => throw new ArgumentException($"--routing '{name}' is not a policy: use {string.Join(", ", Names)}."),
    };

    public static string Name(this RoutingPolicy policy) => Names[(int)policy];
}
