using System.Text.RegularExpressions;

namespace Platform.Engine.Tokenizers.Normalization;

/// <summary>`Replace`: a literal string or a regex replaced by fixed content.</summary>
internal sealed class ReplaceNormalizer : INormalizer
{
    private readonly string? _literal;
    private readonly Regex? _regex;
    private readonly string _content;

    private ReplaceNormalizer(string? literal, Regex? regex, string content)
    {
        _literal = literal;
        _regex = regex;
        _content = content;
    }

    public static ReplaceNormalizer Literal(string pattern, string content) => new(pattern, null, content);

    public static ReplaceNormalizer Pattern(Regex pattern, string content) => new(null, pattern, content);

    public string Normalize(string text) =>
        _literal is not null ? text.Replace(_literal, _content, StringComparison.Ordinal) : _regex!.Replace(text, _content.Replace("$", "$$"));
}
