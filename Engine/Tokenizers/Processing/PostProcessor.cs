namespace Platform.Engine.Tokenizers.Processing;

/// <summary>Special tokens wrapped around an encoded sequence when special tokens are requested (BOS/EOS, CLS/SEP).</summary>
internal sealed record PostProcessor(int[] Prefix, int[] Suffix)
{
    public static readonly PostProcessor None = new([], []);

    public PostProcessor Then(PostProcessor next) => new([.. Prefix, .. next.Prefix], [.. Suffix, .. next.Suffix]);
}
