namespace Platform.Engine.Tokenizers.Normalization;

/// <summary>`Sequence`: normalizers applied in order.</summary>
internal sealed class SequenceNormalizer(IReadOnlyList<INormalizer> steps) : INormalizer
{
    public string Normalize(string text)
    {
        foreach (var step in steps)
            text = step.Normalize(text);
        return text;
    }
}
