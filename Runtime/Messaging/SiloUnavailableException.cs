using Platform.Runtime.Membership;

namespace Platform.Runtime.Messaging;

/// <summary>A call had to go to a silo this one cannot reach.</summary>
public sealed class SiloUnavailableException(SiloAddress silo, string reason)
    : Exception($"Silo {silo} is unavailable: {reason}")
{
    public SiloAddress Silo { get; } = silo;
}
