using System.Text;
using Platform.Engine.Structured;
using Platform.Engine.Structured.Matching;

namespace Platform.Engine.Tests.Structured;

/// <summary>A small hand-written vocabulary (id = index) with an EOS token, for mask tests that can be checked by eye.</summary>
internal static class HandVocabulary
{
    public static readonly string?[] Tokens =
    [
        null, // 0: EOS (special: no bytes)
        "{", "}", "\"", "a", "b", "\"a\"", ":", ",", " ", "{\"", "\"}", "1", "12", "true", "tru", "e", "[", "]", "null", "  ", "\":", "x}", "é",
    ];

    public const int Eos = 0;

    public static int Id(string token) => Array.IndexOf(Tokens, token);

    public static TokenVocabulary Create() =>
        new(Tokens.Select(t => t is null ? null : Encoding.UTF8.GetBytes(t)).ToArray(), Tokens.Length);

    public static StructuredOutputs Outputs() => new(Create());

    /// <summary>The tokens the matcher allows now, as strings (EOS as "&lt;eos&gt;").</summary>
    public static HashSet<string> Allowed(ConstraintMatcher matcher)
    {
        var logits = new float[Tokens.Length];
        matcher.Mask(logits);
        return Enumerable.Range(0, Tokens.Length).Where(i => !float.IsNegativeInfinity(logits[i])).Select(i => Tokens[i] ?? "<eos>").ToHashSet();
    }
}
