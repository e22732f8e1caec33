namespace Platform.Engine.Tests.Templates;

/// <summary>trim_blocks, lstrip_blocks, '-' and '+' markers, and the dropped final newline, as transformers configures Jinja.</summary>
public sealed class WhitespaceControlTests
{
    [Theory]
    [InlineData("{% if true %}\n  yes\n{% endif %}\n", "  yes\n")]
    [InlineData("a\n    {% if true %}b{% endif %}", "a\nb")]
    [InlineData("a\n    {{ 'b' }}", "a\n    b")]
    [InlineData("a  {% if true %}b{% endif %}", "a  b")]
    [InlineData("a\n  {%+ if true %}b{% endif %}", "a\n  b")]
    [InlineData("{% if true %}\r\nx{% endif %}", "x")]
    [InlineData("{% if true +%}\nx{% endif %}", "\nx")]
    [InlineData("{{ 'x' }}\ny", "x\ny")]
    public void Block_tags_trim_the_next_newline_and_strip_their_line_indent(string template, string expected) =>
        Assert.Equal(expected, Jinja.Render(template));

    [Theory]
    [InlineData("a  \n {{- 'b' -}} \n c", "abc")]
    [InlineData("a \n{%- if true -%}\n b \n{%- endif -%}\n c", "abc")]
    [InlineData("x {{- ' y ' }}", "x y ")]
    public void Dash_markers_strip_all_whitespace_on_their_side(string template, string expected) =>
        Assert.Equal(expected, Jinja.Render(template));

    [Theory]
    [InlineData("a {# note #} b", "a  b")]
    [InlineData("a {#- note -#} b", "ab")]
    [InlineData("{# note #}\nx", "x")]
    [InlineData("  {# note #}\nx", "x")]
    public void Comments_render_nothing_and_follow_the_same_whitespace_rules(string template, string expected) =>
        Assert.Equal(expected, Jinja.Render(template));

    [Theory]
    [InlineData("x\n", "x")]
    [InlineData("x\n\n", "x\n")]
    public void Exactly_one_final_newline_is_dropped(string template, string expected) =>
        Assert.Equal(expected, Jinja.Render(template));

    [Fact]
    public void Raw_blocks_print_tags_literally() =>
        Assert.Equal("{{ x }}{% if %}", Jinja.Render("{% raw %}{{ x }}{% if %}{% endraw %}"));

    [Fact]
    public void A_dict_literal_closing_two_braces_does_not_end_the_expression() =>
        Assert.Equal("1", Jinja.Render("{{ {'a': {'b': 1}}['a']['b'] }}"));
}
