using Platform.Engine.Templates;

namespace Platform.Engine.Tests.Templates;

/// <summary>Syntax and runtime errors surface as <see cref="TemplateException"/> with positions; nothing crashes.</summary>
public sealed class TemplateErrorTests
{
    [Theory]
    [InlineData("{{ 1 + }}", 1, 8)]
    [InlineData("ab\n  {% foo %}", 2, 6)]
    [InlineData("{{ 'abc }}", 1, 4)]
    [InlineData("x\n{{ x", 2, 1)]
    [InlineData("{% endif %}", 1, 4)]
    [InlineData("{% for in x %}{% endfor %}", 1, 8)]
    [InlineData("{# never closed", 1, 1)]
    [InlineData("{{ f(a=1, 2) }}", 1, 11)]
    public void Syntax_errors_point_at_line_and_column(string template, int line, int column)
    {
        var error = Assert.Throws<TemplateException>(() => ChatTemplate.Parse(template));
        Assert.Equal((line, column), (error.Line, error.Column));
        Assert.StartsWith("syntax error", error.Message);
        Assert.Contains($"line {line}, column {column}", error.Message);
    }

    [Fact]
    public void An_unclosed_block_names_the_tag_and_where_it_opened()
    {
        var error = Assert.Throws<TemplateException>(() => ChatTemplate.Parse("line1\n{% if x %}\nno end"));
        Assert.Contains("'if' opened at line 2", error.Message);
        Assert.Contains("'endif'", error.Message);
    }

    [Fact]
    public void Raise_exception_surfaces_the_templates_own_message()
    {
        var error = Jinja.Fails("ok\n{% if true %}{{ raise_exception('Roles must alternate') }}{% endif %}");
        Assert.True(error.RaisedByTemplate);
        Assert.Equal("Roles must alternate", error.Message);
        Assert.Equal(2, error.Line);
    }

    [Theory]
    [InlineData("line1\n{{ 1 + 'a' }}", 2, "unsupported operand")]
    [InlineData("{{ 'a' + 1 }}", 1, "can only concatenate str")]
    [InlineData("x\n\n{{ d.missing.deeper }}", 3, "has no attribute 'missing'")]
    [InlineData("{{ nothing.attr }}", 1, "'nothing' is undefined")]
    [InlineData("{{ 1 // 0 }}", 1, "division")]
    [InlineData("{{ 'x'() }}", 1, "not callable")]
    [InlineData("{{ 1 | nope }}", 1, "no filter named 'nope'")]
    [InlineData("{{ 1 is nope }}", 1, "no test named 'nope'")]
    [InlineData("{{ 1 < 'a' }}", 1, "not supported between")]
    [InlineData("{% set a, b = [1] %}", 1, "not enough values to unpack")]
    [InlineData("{% set x = 1 %}{% set x.y = 2 %}", 1, "namespace")]
    [InlineData("{{ none.startswith('a') }}", 1, "has no attribute 'startswith'")]
    [InlineData("{% for x in 5 %}{% endfor %}", 1, "not iterable")]
    [InlineData("{{ [].append(1) }}", 1, "immutable")]
    [InlineData("{{ range(10000000000) }}", 1, "too large")]
    [InlineData("{{ [1] * 100000000000 }}", 1, "too large")]
    [InlineData("{{ 9223372036854775807 + 1 }}", 1, "overflow")]
    public void Runtime_errors_name_the_problem_and_the_line(string template, int line, string fragment)
    {
        var error = Jinja.Fails(template, """{"d": {"a": 1}}""");
        Assert.False(error.RaisedByTemplate);
        Assert.Equal(line, error.Line);
        Assert.Contains(fragment, error.Message, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void Runaway_macro_recursion_is_stopped_with_an_error() =>
        Assert.Contains("recursed", Jinja.Fails("{% macro f() %}{{ f() }}{% endmacro %}{{ f() }}").Message);

    [Fact]
    public void Absurdly_deep_nesting_is_an_error_not_a_stack_overflow()
    {
        var template = "{{ " + new string('(', 200_000) + "1" + new string(')', 200_000) + " }}";
        Assert.Throws<TemplateException>(() => ChatTemplate.Parse(template));
    }

    [Fact]
    public void Break_outside_a_loop_is_rejected() =>
        Assert.Contains("outside a loop", Jinja.Fails("{% break %}").Message);
}
