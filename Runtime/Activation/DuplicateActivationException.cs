using Platform.Runtime.GrainDirectory;

namespace Platform.Runtime.Activation;

/// <summary>Another activation of the grain won the directory race; work queued here moves to it.</summary>
internal sealed class DuplicateActivationException(GrainId grainId, GrainAddress winner)
    : Exception($"Grain {grainId} is already active as {winner.ActivationId} on silo {winner.Silo}.");
