namespace Platform.Engine.Runner;

/// <summary>
/// Part of one sequence in a forward batch: <paramref name="Tokens"/> at positions StartPosition…, whose K/V go into the
/// cache blocks named by <paramref name="BlockTable"/> (block b holds positions b·BlockSize…); with
/// <paramref name="ComputeLogits"/>, the logits of its last token are returned.
/// </summary>
public readonly record struct SequenceSlice(ReadOnlyMemory<int> Tokens, int StartPosition, ReadOnlyMemory<int> BlockTable, bool ComputeLogits);
