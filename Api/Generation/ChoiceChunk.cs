using Platform.Grains.Interfaces.Generation;

namespace Platform.Api.Generation;

/// <summary>A token chunk with the choice it belongs to.</summary>
internal readonly record struct ChoiceChunk(RunningChoice Choice, TokenChunk Chunk)
{
    public int Index => Choice.Plan.Index;
}
