using Platform.Engine.Structured;
using static Platform.Engine.Tests.Structured.GrammarAcceptance;

namespace Platform.Engine.Tests.Structured;

public class RegexSubsetTests
{
    private static OutputFormat Regex(string pattern) => new() { Kind = OutputFormatKind.Regex, Pattern = pattern };

    [Theory]
    [InlineData("^[a-c]+(x|yz)?$", "abcyz", true)]
    [InlineData("^[a-c]+(x|yz)?$", "abcy", false)]
    [InlineData("[^0-9]{2}", "é!", true)]
    [InlineData("[^0-9]{2}", "a1", false)]
    [InlineData("\\d{2,3}", "1234", false)]
    [InlineData("\\d{2,}", "1234", true)]
    [InlineData("(?:ab)*c", "ababc", true)]
    [InlineData("a.c", "a\nc", false)]
    [InlineData("a.c", "a😀c", true)]
    [InlineData("\\w+@\\w+\\.com", "me@x.com", true)]
    [InlineData("[\\d-]+", "1-2", true)]
    [InlineData("\\S+", "a b", false)]
    [InlineData("colou?r", "color", true)]
    public void ARegexMatchesWholeStringsOnly(string pattern, string text, bool accepted)
    {
        Assert.Equal(accepted, Accepts(Regex(pattern), text));
    }

    [Theory]
    [InlineData("(a)\\1", "the escape '\\1' is not supported")]
    [InlineData("(?i)abc", "inline flags")]
    [InlineData("a{2000}", "repeat counts above 1000")]
    [InlineData("a$b", "only at the start and end")]
    [InlineData("(ab", "a group is not closed")]
    [InlineData("[z-a]", "runs backwards")]
    public void UnsupportedRegexSyntaxIsRefused(string pattern, string message)
    {
        var error = Assert.Throws<OutputFormatException>(() => StructuredOutputs.Grammar(Regex(pattern)));
        Assert.Contains(message, error.Message);
    }
}
