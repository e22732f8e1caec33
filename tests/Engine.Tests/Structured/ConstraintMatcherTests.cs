using Platform.Engine.Structured;
using Platform.Engine.Structured.Matching;
using static Platform.Engine.Tests.Structured.HandVocabulary;

namespace Platform.Engine.Tests.Structured;

public class ConstraintMatcherTests
{
    private static ConstraintMatcher Matcher(OutputFormat format) => new(Outputs().Compile(format), [Eos]);

    private static OutputFormat Schema(string schema) => new() { Kind = OutputFormatKind.JsonSchema, Schema = schema, Strict = true };

    private static void Feed(ConstraintMatcher matcher, params string[] tokens)
    {
        foreach (var token in tokens)
            matcher.Accept(Id(token));
    }

    [Fact]
    public void JsonObjectModeAllowsOnlyTokensThatCanStartAnObject()
    {
        var matcher = Matcher(new OutputFormat { Kind = OutputFormatKind.JsonObject });
        Assert.Equal(["{", "{\"", " ", "  "], Allowed(matcher));
    }

    [Fact]
    public void AfterAnOpeningBraceAKeyOrTheCloseMayFollowButNotEos()
    {
        var matcher = Matcher(new OutputFormat { Kind = OutputFormatKind.JsonObject });
        Feed(matcher, "{");
        Assert.Equal(["}", "\"", "\"a\"", " ", "\"}", "  ", "\":"], Allowed(matcher));
        Assert.DoesNotContain("<eos>", Allowed(matcher));
    }

    [Fact]
    public void ATokenSpanningSeveralGrammarPiecesIsAllowedWhenAllItsBytesFit()
    {
        var matcher = Matcher(new OutputFormat { Kind = OutputFormatKind.JsonObject });
        Feed(matcher, "{\"", "a");
        // Inside a key: "\":" closes the key and reads the colon in one token; "\"}" would close an object with a key and no value.
        var allowed = Allowed(matcher);
        Assert.Contains("\":", allowed);
        Assert.Contains("é", allowed);
        Assert.DoesNotContain("\"}", allowed);
        Assert.DoesNotContain("<eos>", allowed);
    }

    [Fact]
    public void EosIsAllowedOnlyOnceTheObjectIsComplete()
    {
        var matcher = Matcher(Schema("""{"type":"object","properties":{"a":{"type":"integer"}},"required":["a"]}"""));
        Feed(matcher, "{\"", "a", "\":", "12");
        Assert.False(matcher.IsAccepting);
        Assert.DoesNotContain("<eos>", Allowed(matcher));
        Assert.Contains("1", Allowed(matcher));
        Feed(matcher, "}");
        Assert.True(matcher.IsAccepting);
        Assert.True(matcher.IsFinished);
        Assert.Equal(["<eos>"], Allowed(matcher));
    }

    [Fact]
    public void AnEnumAllowsOnlyPrefixesOfItsValues()
    {
        var matcher = Matcher(Schema("""{"enum":[true, null]}"""));
        Assert.Equal(["true", "tru", "null", " ", "  "], Allowed(matcher));
        Feed(matcher, "tru");
        Assert.Equal(["e"], Allowed(matcher));
        Feed(matcher, "e");
        Assert.True(matcher.IsFinished);
    }

    [Fact]
    public void ChoiceAndRegexFormatsMatchRawText()
    {
        var choice = Matcher(new OutputFormat { Kind = OutputFormatKind.Choice, Choices = ["ab", "a"] });
        Assert.Equal(["a"], Allowed(choice));
        Feed(choice, "a");
        Assert.Equal(["b", "<eos>"], Allowed(choice));

        var regex = Matcher(new OutputFormat { Kind = OutputFormatKind.Regex, Pattern = "[0-9]+x}" });
        Assert.Equal(["1", "12"], Allowed(regex));
        Feed(regex, "12");
        Assert.Equal(["1", "12", "x}"], Allowed(regex));
    }

    [Fact]
    public void MasksAreComputedOncePerAutomatonConfiguration()
    {
        var compiled = Outputs().Compile(new OutputFormat { Kind = OutputFormatKind.JsonObject });
        var first = new ConstraintMatcher(compiled, [Eos]);
        Allowed(first);
        var computed = compiled.MaskComputations;
        var second = new ConstraintMatcher(compiled, [Eos]);
        Allowed(second);
        Assert.Equal(computed, compiled.MaskComputations);
    }

    [Fact]
    public void MaskSetsMaskedLogitsToNegativeInfinityAndKeepsTheRest()
    {
        var matcher = Matcher(new OutputFormat { Kind = OutputFormatKind.Choice, Choices = ["a"] });
        var logits = Enumerable.Range(0, Tokens.Length).Select(i => (float)i).ToArray();
        matcher.Mask(logits);
        for (var i = 0; i < logits.Length; i++)
            Assert.Equal(i == Id("a") ? i : float.NegativeInfinity, logits[i]);
    }

    [Fact]
    public void WhitespaceRunsAreBounded()
    {
        var matcher = Matcher(new OutputFormat { Kind = OutputFormatKind.JsonObject });
        Feed(matcher, "{");
        for (var i = 0; i < 6; i++)
            Feed(matcher, "  ");
        Assert.DoesNotContain(" ", Allowed(matcher));
        Assert.Contains("}", Allowed(matcher));
    }
}

public class ConstraintMatcherStartTests
{
    // SentencePiece-like: the decoder drops one leading space of the whole output, so " yes" first reads "yes".
    private static readonly string?[] Tokens = [null, " yes", "yes", " ", "y", "es", " no"];

    [Fact]
    public void AtTheStartTokensAreMatchedAsTheDecoderWritesThemWithTheLeadingSpaceDropped()
    {
        var bytes = Tokens.Select(t => t is null ? null : System.Text.Encoding.UTF8.GetBytes(t)).ToArray();
        var vocabulary = new TokenVocabulary(bytes, Tokens.Length, stripLeadingSpaces: 1);
        var compiled = new StructuredOutputs(vocabulary).Compile(new OutputFormat { Kind = OutputFormatKind.Choice, Choices = ["yes", "y es"] });
        var matcher = new ConstraintMatcher(compiled, [0]);
        var logits = new float[Tokens.Length];
        matcher.Mask(logits);
        var allowed = Enumerable.Range(0, Tokens.Length).Where(i => !float.IsNegativeInfinity(logits[i])).Select(i => Tokens[i]).ToArray();
        Assert.Equal([" yes", "yes", " ", "y"], allowed);
        matcher.Accept(Array.IndexOf(Tokens, " yes"));
        Assert.True(matcher.IsFinished);

        // After the first token a space is a space: "y" then " " continues "y es".
        var second = new ConstraintMatcher(compiled, [0]);
        second.Accept(Array.IndexOf(Tokens, "y"));
        Array.Clear(logits);
        second.Mask(logits);
        Assert.Equal([" ", "es"], Enumerable.Range(0, Tokens.Length).Where(i => !float.IsNegativeInfinity(logits[i])).Select(i => Tokens[i]).ToArray());
    }
}
