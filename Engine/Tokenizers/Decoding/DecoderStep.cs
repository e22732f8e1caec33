using System.Text;

namespace Platform.Engine.Tokenizers.Decoding;

/// <summary>One stage of a Hugging Face decoder pipeline, applied to a single token on its way to bytes.</summary>
internal abstract record DecoderStep
{
    /// <summary>Transforms a token's text; returns the final bytes instead when the stage produces raw bytes.</summary>
    public abstract string Apply(string token, bool firstToken, ref byte[]? bytes);

    /// <summary>`Replace`: literal substitution (SentencePiece's ▁ → space).</summary>
    public sealed record Replace(string Pattern, string Content) : DecoderStep
    {
        public override string Apply(string token, bool firstToken, ref byte[]? bytes) => token.Replace(Pattern, Content, StringComparison.Ordinal);
    }

    /// <summary>`ByteFallback`: a token spelled &lt;0xNN&gt; stands for the raw byte NN.</summary>
    public sealed record ByteFallback : DecoderStep
    {
        public override string Apply(string token, bool firstToken, ref byte[]? bytes)
        {
            if (ByteTokens.TryParse(token, out var b))
                bytes = [b];
            return token;
        }
    }

    /// <summary>`ByteLevel`: GPT-2's printable alphabet maps back to bytes; tokens outside it keep their UTF-8.</summary>
    public sealed record ByteLevel : DecoderStep
    {
        public override string Apply(string token, bool firstToken, ref byte[]? bytes)
        {
            bytes = ByteLevelAlphabet.TryDecode(token) ?? Encoding.UTF8.GetBytes(token);
            return token;
        }
    }

    /// <summary>`Metaspace`: ▁ becomes a space, except in the first token where it is dropped (unless the prepend scheme is never).</summary>
    public sealed record Metaspace(char Replacement, bool DropInFirst) : DecoderStep
    {
        public override string Apply(string token, bool firstToken, ref byte[]? bytes) =>
            firstToken && DropInFirst ? token.Replace(Replacement.ToString(), "", StringComparison.Ordinal) : token.Replace(Replacement, ' ');
    }

    /// <summary>`Strip` before any `Fuse`: trims each token on its own.</summary>
    public sealed record StripEach(char Content, int Start, int Stop) : DecoderStep
    {
        public override string Apply(string token, bool firstToken, ref byte[]? bytes)
        {
            var start = 0;
            while (start < Start && start < token.Length && token[start] == Content) start++;
            var end = token.Length;
            while (token.Length - end < Stop && end > start && token[end - 1] == Content) end--;
            return token[start..end];
        }
    }
}
