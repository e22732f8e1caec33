namespace Platform.Engine.Tokenizers.PreTokenization;

/// <summary>What happens to a matched delimiter (Hugging Face `SplitDelimiterBehavior`).</summary>
internal enum SplitBehavior
{
    Removed,
    Isolated,
    MergedWithPrevious,
    MergedWithNext,
    Contiguous,
}
