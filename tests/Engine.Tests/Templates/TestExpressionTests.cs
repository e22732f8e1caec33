namespace Platform.Engine.Tests.Templates;

/// <summary>Jinja tests (<c>x is …</c>), with and without arguments and negation.</summary>
public sealed class TestExpressionTests
{
    [Theory]
    [InlineData("{{ x is defined }}|{{ y is defined }}|{{ y is undefined }}", "True|False|True")]
    [InlineData("{{ n is none }}|{{ x is not none }}", "True|True")]
    [InlineData("{{ x is string }}|{{ 1 is string }}", "True|False")]
    [InlineData("{{ 1 is number }}|{{ 1.5 is number }}|{{ true is number }}|{{ 'a' is number }}", "True|True|True|False")]
    [InlineData("{{ 1 is integer }}|{{ 1.0 is float }}|{{ true is integer }}", "True|True|False")]
    [InlineData("{{ true is boolean }}|{{ true is true }}|{{ 1 is true }}|{{ false is false }}", "True|True|False|True")]
    [InlineData("{{ {} is mapping }}|{{ [] is mapping }}|{{ [] is sequence }}|{{ 'x' is iterable }}|{{ 1 is iterable }}", "True|False|True|True|False")]
    [InlineData("{{ 3 is odd }}|{{ 4 is even }}|{{ 6 is divisibleby 3 }}|{{ 6 is divisibleby(4) }}", "True|True|True|False")]
    [InlineData("{{ 1 is eq 1 }}|{{ 'a' is equalto 'b' }}|{{ 2 is gt 1 }}|{{ 2 is lt(1) }}|{{ 1 is ne 2 }}", "True|False|True|False|True")]
    [InlineData("{{ 'a' is in ['a'] }}|{{ 'abc' is lower }}|{{ 'ABC' is upper }}|{{ none is sameas none }}", "True|True|True|True")]
    [InlineData("{{ 'trim' is filter }}|{{ 'odd' is test }}|{{ range is callable }}", "True|True|True")]
    public void Tests_classify_values_as_jinja_does(string template, string expected) =>
        Assert.Equal(expected, Jinja.Render(template, """{"x": "s", "n": null}"""));
}
