namespace Platform.Engine.Tokenizers.Decoding;

/// <summary>Each token's decoded bytes, precomputed once, plus the output-level rules (leading-space strip, first-token form).</summary>
internal sealed class TokenDecoder(byte[][] pieces, byte[][]? firstPieces, bool[] special, int stripLeadingSpaces)
{
    /// <summary>How many leading spaces of the whole output are removed (SentencePiece's prefix space).</summary>
    public int StripLeadingSpaces { get; } = stripLeadingSpaces;

    public int Count => pieces.Length;

    public bool IsSpecial(int id) => (uint)id < (uint)special.Length && special[id];

    public ReadOnlySpan<byte> GetBytes(int id, bool first)
    {
        if ((uint)id >= (uint)pieces.Length)
            throw new ArgumentOutOfRangeException(nameof(id), id, $"token id {id} is outside the vocabulary (0..{pieces.Length - 1}).");
        return first && firstPieces is not null ? firstPieces[id] : pieces[id];
    }
}
