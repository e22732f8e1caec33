namespace Platform.Grains.Interfaces.Generation;

/// <summary>A replica answered a generation's start with its own failure (an error chunk before any token): the caller may retry elsewhere.</summary>
internal sealed class ReplicaStartFailedException(GenerationError error) : Exception(error.Message)
{
    public GenerationError Error { get; } = error;
}
