namespace Platform.Engine.Tests.Templates;

/// <summary>if/for/set/namespace/macro/call/filter blocks and loop controls.</summary>
public sealed class ControlFlowTests
{
    [Theory]
    [InlineData(1, "one")]
    [InlineData(2, "two")]
    [InlineData(3, "many")]
    public void If_elif_else_takes_the_first_true_branch(int n, string expected) =>
        Assert.Equal(expected, Jinja.Render("{% if n == 1 %}one{% elif n == 2 %}two{% else %}many{% endif %}", $$"""{"n": {{n}}}"""));

    [Fact]
    public void Loop_variables_track_position_from_both_ends() =>
        Assert.Equal("1032TrueFalse3|2121FalseFalse3|3210FalseTrue3|", Jinja.Render(
            "{% for x in ['a','b','c'] %}{{ loop.index }}{{ loop.index0 }}{{ loop.revindex }}{{ loop.revindex0 }}{{ loop.first }}{{ loop.last }}{{ loop.length }}|{% endfor %}"));

    [Fact]
    public void Loop_exposes_neighbours_and_cycles() =>
        Assert.Equal("a:-2,b:1-3,a:2-,", Jinja.Render(
            "{% for x in [1,2,3] %}{{ loop.cycle('a','b') }}:{{ loop.previtem }}-{{ loop.nextitem }},{% endfor %}"));

    [Fact]
    public void For_else_renders_when_nothing_was_iterated() =>
        Assert.Equal("empty", Jinja.Render("{% for x in [] %}x{% else %}empty{% endfor %}"));

    [Fact]
    public void A_loop_filter_drops_items_before_loop_counts_them() =>
        Assert.Equal("1,3,5,7,9", Jinja.Render("{% for x in range(10) if x is odd %}{{ x }}{% if not loop.last %},{% endif %}{% endfor %}"));

    [Fact]
    public void Tuple_targets_unpack_dict_items() =>
        Assert.Equal("a=1;b=2;", Jinja.Render("{% for k, v in {'a': 1, 'b': 2}.items() %}{{ k }}={{ v }};{% endfor %}"));

    [Fact]
    public void Iterating_a_dict_yields_its_keys_in_order() =>
        Assert.Equal("zy", Jinja.Render("{% for k in d %}{{ k }}{% endfor %}", """{"d": {"z": 1, "y": 2}}"""));

    [Fact]
    public void Break_and_continue_steer_the_innermost_loop() =>
        Assert.Equal("013", Jinja.Render(
            "{% for x in range(10) %}{% if x == 2 %}{% continue %}{% endif %}{% if x == 4 %}{% break %}{% endif %}{{ x }}{% endfor %}"));

    [Fact]
    public void Inner_loops_shadow_loop_and_restore_nothing_outside() =>
        Assert.Equal("1.1 1.2 2.1 2.2 ", Jinja.Render(
            "{% for a in [1,2] %}{% for b in [1,2] %}{{ a }}.{{ loop.index }} {% endfor %}{% endfor %}"));

    [Fact]
    public void Set_inside_a_loop_does_not_leak_out() =>
        Assert.Equal("1", Jinja.Render("{% set x = 1 %}{% for i in [1] %}{% set x = 2 %}{% endfor %}{{ x }}"));

    [Fact]
    public void Namespace_attributes_carry_state_out_of_loops() =>
        Assert.Equal("4", Jinja.Render("{% set ns = namespace(x=1) %}{% for i in [1,2] %}{% set ns.x = ns.x + i %}{% endfor %}{{ ns.x }}"));

    [Fact]
    public void An_empty_namespace_takes_new_attributes() =>
        Assert.Equal("5", Jinja.Render("{% set ns = namespace() %}{% set ns.count = 5 %}{{ ns.count }}"));

    [Fact]
    public void Set_unpacks_tuples() =>
        Assert.Equal("2-1", Jinja.Render("{% set a, b = 1, 2 %}{{ b }}-{{ a }}"));

    [Fact]
    public void Block_set_captures_rendered_text_and_applies_filters() =>
        Assert.Equal("HELLO BOB|[x]", Jinja.Render(
            "{% set greeting %}Hello {{ name }}{% endset %}{{ greeting | upper }}|{% set s | trim %}  x  {% endset %}[{{ s }}]", """{"name": "bob"}"""));

    [Fact]
    public void Macros_take_positional_keyword_and_default_arguments() =>
        Assert.Equal("Hi A! Hi B?", Jinja.Render(
            "{% macro greet(name, punct='!') %}Hi {{ name }}{{ punct }}{% endmacro %}{{ greet('A') }} {{ greet('B', punct='?') }}"));

    [Fact]
    public void Extra_macro_arguments_land_in_varargs_and_kwargs() =>
        Assert.Equal("[1,2,(),{}][1,3,(4,),{'z': 5}]", Jinja.Render(
            "{%- macro m(a, b=2) -%}[{{ a }},{{ b }},{{ varargs }},{{ kwargs }}]{%- endmacro -%}{{ m(1) }}{{ m(1, 3, 4, z=5) }}"));

    [Fact]
    public void Call_blocks_hand_their_body_to_the_macro_as_caller() =>
        Assert.Equal("<b>bold</b>[1][2]", Jinja.Render(
            "{% macro wrap(tag) %}<{{ tag }}>{{ caller() }}</{{ tag }}>{% endmacro %}{% call wrap('b') %}bold{% endcall %}" +
            "{% macro each(items) %}{% for i in items %}{{ caller(i) }}{% endfor %}{% endmacro %}{% call(x) each([1,2]) %}[{{ x }}]{% endcall %}"));

    [Fact]
    public void Filter_blocks_filter_their_rendered_body() =>
        Assert.Equal("ABC", Jinja.Render("{% filter upper %}abc{% endfilter %}"));

    [Fact]
    public void Generation_markers_render_their_body_in_place() =>
        Assert.Equal("<a>x</a>", Jinja.Render("<a>{% generation %}x{% endgeneration %}</a>"));

    [Fact]
    public void Top_level_set_overrides_a_context_variable() =>
        Assert.Equal("[2]", Jinja.Render("{% set messages = items[1:] %}{{ messages }}", """{"items": [1, 2]}"""));
}
