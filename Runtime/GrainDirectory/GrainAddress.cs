using Platform.Runtime.Membership;

namespace Platform.Runtime.GrainDirectory;

/// <summary>One activation of a grain: which grain, on which silo, and which activation there.</summary>
public sealed record GrainAddress(GrainId GrainId, SiloAddress Silo, Guid ActivationId);
