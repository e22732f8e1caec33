namespace Platform.Engine.Tokenizers.Models;

/// <summary>What a pair of adjacent tokens merges into, and how early (lower rank merges first).</summary>
internal readonly record struct MergeRule(int Rank, int Result)
{
    public static long Key(int left, int right) => ((long)left << 32) | (uint)right;
}
