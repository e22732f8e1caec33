using System.Text;
using Platform.Engine.Tokenizers.Decoding;

namespace Platform.Engine.Tokenizers;

/// <summary>Streams decoded text token by token, holding back bytes until they form complete UTF-8 characters.</summary>
/// <remarks>The concatenation of every <see cref="Append"/> result (plus <see cref="Flush"/>) equals a full decode of the same ids,
/// because full decoding runs through this same class.</remarks>
public sealed class IncrementalDecoder
{
    private readonly TokenDecoder _pieces;
    private readonly bool _skipSpecialTokens;
    private readonly Decoder _utf8 = new UTF8Encoding(false, false).GetDecoder();
    private int _stripRemaining;
    private bool _seenToken;
    private char[] _chars = new char[64];

    internal IncrementalDecoder(TokenDecoder pieces, bool skipSpecialTokens)
    {
        _pieces = pieces;
        _skipSpecialTokens = skipSpecialTokens;
        _stripRemaining = pieces.StripLeadingSpaces;
    }

    /// <summary>Adds one token; returns the text it completes ("" while a multi-byte character is still pending).</summary>
    public string Append(int id)
    {
        if (_skipSpecialTokens && _pieces.IsSpecial(id))
            return "";
        var bytes = _pieces.GetBytes(id, first: !_seenToken);
        _seenToken = true;
        if (_stripRemaining > 0)
        {
            var skip = 0;
            while (skip < bytes.Length && _stripRemaining > 0 && bytes[skip] == (byte)' ')
            {
                skip++;
                _stripRemaining--;
            }
            if (skip < bytes.Length)
                _stripRemaining = 0;
            bytes = bytes[skip..];
        }
        return Convert(bytes, flush: false);
    }

    /// <summary>Feeds tokens whose text the reader already has (the prompt) without returning it, so the tokens that follow decode as
    /// its continuation: e.g. SentencePiece's "▁time" after "Once upon a" yields " time", where a fresh decoder would strip the space.</summary>
    public void AppendContext(ReadOnlySpan<int> ids)
    {
        foreach (var id in ids)
            Append(id);
    }

    /// <summary>Ends the stream: bytes still pending (an incomplete character) come out as U+FFFD.</summary>
    public string Flush() => Convert([], flush: true);

    private string Convert(ReadOnlySpan<byte> bytes, bool flush)
    {
        var needed = _utf8.GetCharCount(bytes, flush);
        if (needed == 0)
        {
            // The decoder must still see the bytes so it can hold an incomplete sequence.
            _utf8.GetChars(bytes, Span<char>.Empty, flush);
            return "";
        }
        if (_chars.Length < needed)
            _chars = new char[Math.Max(needed, _chars.Length * 2)];
        var written = _utf8.GetChars(bytes, _chars, flush);
        return new string(_chars, 0, written);
    }
}
