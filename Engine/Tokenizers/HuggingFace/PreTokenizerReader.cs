using System.Text.Json;
using System.Text.RegularExpressions;
using Platform.Engine.Formats;
using Platform.Engine.Tokenizers.PreTokenization;

namespace Platform.Engine.Tokenizers.HuggingFace;

/// <summary>Builds an <see cref="IPreTokenizer"/> from tokenizer.json's "pre_tokenizer".</summary>
internal static class PreTokenizerReader
{
    private static readonly Lazy<Regex> Gpt2 = new(() => SplitPatterns.Compile(SplitPatterns.Gpt2));

    public static IPreTokenizer? Read(JsonElement? element, string source)
    {
        if (element is not { } e)
            return null;
        var type = JsonParts.Type(e, source, "pre_tokenizer");
        switch (type)
        {
            case "Sequence":
                return new SequencePreTokenizer(
                    JsonParts.Array(e, "pretokenizers", source).EnumerateArray().Select(p => Read(p, source)).OfType<IPreTokenizer>().ToArray());
            case "ByteLevel":
                return new ByteLevelPreTokenizer(JsonParts.Bool(e, "add_prefix_space", false),
                    JsonParts.Bool(e, "use_regex", true) ? new PatternSplitter(Gpt2.Value, SplitBehavior.Isolated, false) : null);
            case "Split":
                return new SplitPreTokenizer(new PatternSplitter(JsonParts.Pattern(e, source), Behavior(e, source), JsonParts.Bool(e, "invert", false)));
            case "Digits":
                var individual = JsonParts.Bool(e, "individual_digits", false);
                return new SplitPreTokenizer(new PatternSplitter(new Regex(@"\p{N}", RegexOptions.CultureInvariant),
                    individual ? SplitBehavior.Isolated : SplitBehavior.Contiguous, false));
            case "Metaspace":
                var replacement = JsonParts.String(e, "replacement", source);
                if (replacement.Length != 1)
                    throw new ModelFormatException($"{source}: Metaspace replacement '{replacement}' must be one character.");
                var splitter = JsonParts.Bool(e, "split", true)
                    ? new PatternSplitter(new Regex(Regex.Escape(replacement), RegexOptions.CultureInvariant), SplitBehavior.MergedWithNext, false)
                    : null;
                return new MetaspacePreTokenizer(replacement[0], Scheme(e, source), splitter);
            default:
                throw new ModelFormatException($"{source}: pre_tokenizer type '{type}' is not supported (supported: Sequence, ByteLevel, Split, Digits, Metaspace).");
        }
    }

    /// <summary>Metaspace's prepend scheme; older files say add_prefix_space instead.</summary>
    internal static PrependScheme Scheme(JsonElement e, string source) => JsonParts.OptionalString(e, "prepend_scheme") switch
    {
        "always" => PrependScheme.Always,
        "first" => PrependScheme.First,
        "never" => PrependScheme.Never,
        null => JsonParts.Bool(e, "add_prefix_space", true) ? PrependScheme.Always : PrependScheme.Never,
        var other => throw new ModelFormatException($"{source}: Metaspace prepend_scheme '{other}' is unknown."),
    };

    private static SplitBehavior Behavior(JsonElement e, string source) => JsonParts.String(e, "behavior", source) switch
    {
        "Removed" => SplitBehavior.Removed,
        "Isolated" => SplitBehavior.Isolated,
        "MergedWithPrevious" => SplitBehavior.MergedWithPrevious,
        "MergedWithNext" => SplitBehavior.MergedWithNext,
        "Contiguous" => SplitBehavior.Contiguous,
        var other => throw new ModelFormatException($"{source}: Split behavior '{other}' is unknown."),
    };
}
