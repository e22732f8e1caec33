namespace Platform.Grains.Interfaces.Generation;

/// <summary>A generation admitted by a replica: where it runs (for cancellation) and its prompt size.</summary>
public sealed record GenerationStarted(string RequestId, string ReplicaKey, int PromptTokens);
