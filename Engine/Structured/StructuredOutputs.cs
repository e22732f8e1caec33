using System.Text;
using System.Text.Json;
using Platform.Engine.Structured.Grammar;
using Platform.Engine.Structured.Matching;
using Platform.Engine.Structured.Regex;
using Platform.Engine.Structured.Schema;
using Platform.Engine.Tokenizers;

namespace Platform.Engine.Structured;

/// <summary>
/// One model's structured-output compiler: builds the token vocabulary's bytes and trie once, compiles each output
/// format once, and keeps the most recent <see cref="MaxCachedFormats"/> compiled formats (their masks with them).
/// </summary>
public sealed class StructuredOutputs
{
    /// <summary>How many compiled formats are kept.</summary>
    public const int MaxCachedFormats = 16;

    private readonly Lazy<TokenVocabulary> _vocabulary;
    private readonly Dictionary<string, CompiledConstraint> _cache = new();
    private readonly Queue<string> _order = new();
    private readonly object _gate = new();

    /// <summary>Compiles against <paramref name="tokenizer"/>'s tokens for a model with <paramref name="modelVocabSize"/> logits.</summary>
    public StructuredOutputs(ITokenizer tokenizer, int modelVocabSize)
        : this(() => TokenVocabulary.FromTokenizer(tokenizer, modelVocabSize))
    {
    }

    /// <summary>Compiles against an explicit vocabulary.</summary>
    public StructuredOutputs(TokenVocabulary vocabulary) : this(() => vocabulary)
    {
    }

    private StructuredOutputs(Func<TokenVocabulary> vocabulary) => _vocabulary = new(vocabulary, LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>The vocabulary as bytes (built on first use).</summary>
    public TokenVocabulary Vocabulary => _vocabulary.Value;

    /// <summary>The compiled constraint for <paramref name="format"/>; throws <see cref="OutputFormatException"/> for what cannot be enforced.</summary>
    public CompiledConstraint Compile(OutputFormat format)
    {
        var key = format.CacheKey;
        lock (_gate)
            if (_cache.TryGetValue(key, out var cached))
                return cached;
        var compiled = new CompiledConstraint(Grammar(format), Vocabulary, Describe(format));
        lock (_gate)
        {
            if (_cache.TryGetValue(key, out var raced))
                return raced;
            _cache[key] = compiled;
            _order.Enqueue(key);
            while (_order.Count > MaxCachedFormats)
                _cache.Remove(_order.Dequeue());
        }
        return compiled;
    }

    /// <summary>The grammar of <paramref name="format"/> alone (no vocabulary).</summary>
    public static ByteGrammar Grammar(OutputFormat format)
    {
        try
        {
            switch (format.Kind)
            {
                case OutputFormatKind.JsonObject:
                    return JsonSchemaCompiler.AnyObject();
                case OutputFormatKind.JsonSchema:
                {
                    using var document = ParseSchema(format.Schema);
                    return JsonSchemaCompiler.Compile(document.RootElement, format.Strict);
                }
                case OutputFormatKind.Regex:
                {
                    if (string.IsNullOrEmpty(format.Pattern))
                        throw new OutputFormatException("the regex is empty.");
                    var builder = new GrammarBuilder();
                    return builder.Build(builder.AddRule(RegexSubset.Compile(format.Pattern, jsonString: false)));
                }
                default:
                {
                    if (format.Choices is not { Count: > 0 } choices || choices.Any(string.IsNullOrEmpty))
                        throw new OutputFormatException("choice needs at least one non-empty string.");
                    var builder = new GrammarBuilder();
                    return builder.Build(builder.AddRule(GrammarNode.Any([.. choices.Select(c => (GrammarNode)new GrammarNode.Bytes(Encoding.UTF8.GetBytes(c)))])));
                }
            }
        }
        catch (Exception error) when (error is UnsupportedSchemaException or UnsupportedRegexException or GrammarTooLargeException)
        {
            throw new OutputFormatException(error.Message, error);
        }
    }

    private static JsonDocument ParseSchema(string? schema)
    {
        if (string.IsNullOrWhiteSpace(schema))
            throw new OutputFormatException("the JSON schema is empty.");
        try
        {
            return JsonDocument.Parse(schema);
        }
        catch (JsonException error)
        {
            throw new OutputFormatException($"the JSON schema is not valid JSON: {error.Message}", error);
        }
    }

    private static string Describe(OutputFormat format) => format.Kind switch
    {
        OutputFormatKind.JsonObject => "response_format json_object",
        OutputFormatKind.JsonSchema => "response_format json_schema",
        OutputFormatKind.Regex => "the regex",
        _ => "the choice list",
    };
}
