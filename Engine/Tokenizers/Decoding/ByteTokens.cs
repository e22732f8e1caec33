namespace Platform.Engine.Tokenizers.Decoding;

/// <summary>SentencePiece byte-fallback token names: &lt;0x00&gt; … &lt;0xFF&gt;.</summary>
internal static class ByteTokens
{
    public static string Name(int b) => $"<0x{b:X2}>";

    public static bool TryParse(string token, out byte value)
    {
        value = 0;
        if (token.Length != 6 || !token.StartsWith("<0x", StringComparison.Ordinal) || token[5] != '>')
            return false;
        return byte.TryParse(token.AsSpan(3, 2), System.Globalization.NumberStyles.AllowHexSpecifier, null, out value);
    }
}
