namespace Platform.Engine.Tests.Templates;

/// <summary>Jinja's built-in filters and transformers' tojson, with expected outputs as Python Jinja prints them.</summary>
public sealed class FilterTests
{
    private const string People = """{"users": [{"name": "Ann", "role": "user"}, {"name": "Bob", "role": "assistant"}, {"name": "Cy", "role": "user"}]}""";

    [Theory]
    [InlineData("{{ [3,1,2] | sort }}|{{ ['b','A','c'] | sort }}|{{ [1,3,2] | sort(reverse=true) }}", "[1, 2, 3]|['A', 'b', 'c']|[3, 2, 1]")]
    [InlineData("{{ [1,2,2,3,1] | unique | list }}|{{ ['a','A','b'] | unique | list }}", "[1, 2, 3]|['a', 'b']")]
    [InlineData("{{ [1,2] | reverse | list }}|{{ 'abc' | reverse }}", "[2, 1]|cba")]
    [InlineData("{{ [1,2,3] | first }}{{ [1,2,3] | last }}{{ [1,2,3] | length }}{{ 'abc' | first }}{{ 'abc' | count }}", "133a3")]
    [InlineData("{{ [1,2,3] | sum }}|{{ [3,1,2] | max }}|{{ [3,1,2] | min }}", "6|3|1")]
    [InlineData("{{ {'b': 1, 'a': 2} | dictsort }}|{{ {'b': 1, 'a': 2} | dictsort(by='value') }}", "[('a', 2), ('b', 1)]|[('b', 1), ('a', 2)]")]
    [InlineData("{{ {'a': 1} | items | list }}|{{ 'ab' | list }}", "[('a', 1)]|['a', 'b']")]
    [InlineData("{{ [0,1,2,3] | select('odd') | list }}|{{ [0,1,'',none,'x'] | select | list }}|{{ [1,none] | reject('none') | list }}", "[1, 3]|[1, 'x']|[1]")]
    [InlineData("{{ [1,2,3] | map('string') | join('-') }}|{{ [1, 'a'] | join(',') }}", "1-2-3|1,a")]
    public void Sequence_filters(string template, string expected) =>
        Assert.Equal(expected, Jinja.Render(template));

    [Theory]
    [InlineData("{{ users | map(attribute='name') | join(', ') }}", "Ann, Bob, Cy")]
    [InlineData("{{ users | selectattr('role', 'equalto', 'user') | list | length }}", "2")]
    [InlineData("{{ users | rejectattr('role', 'eq', 'user') | map(attribute='name') | first }}", "Bob")]
    [InlineData("{{ users | join(', ', attribute='name') }}", "Ann, Bob, Cy")]
    [InlineData("{{ users | sort(attribute='name', reverse=true) | map(attribute='name') | list }}", "['Cy', 'Bob', 'Ann']")]
    [InlineData("{{ users | map(attribute='age', default=0) | list }}", "[0, 0, 0]")]
    [InlineData("{{ users | selectattr('name') | list | length }}", "3")]
    public void Attribute_filters_select_and_project(string template, string expected) =>
        Assert.Equal(expected, Jinja.Render(template, People));

    [Theory]
    [InlineData("{{ '42' | int + 1 }}|{{ 'x' | int }}|{{ 'x' | int(7) }}|{{ '3.7' | int }}|{{ 2.9 | int }}", "43|0|7|3|2")]
    [InlineData("{{ '2.5' | float }}|{{ 'x' | float }}|{{ 3 | float }}", "2.5|0.0|3.0")]
    [InlineData("{{ 2.5 | round }}|{{ 3.14159 | round(2) }}|{{ 2.1 | round(0, 'ceil') }}|{{ 2.9 | round(method='floor') }}", "2.0|3.14|3.0|2.0")]
    [InlineData("{{ -3 | abs }}|{{ -2.5 | abs }}", "3|2.5")]
    [InlineData("{{ x | default('d') }}|{{ '' | default('d') }}|{{ '' | default('d', true) }}|{{ none | default('d') }}|{{ x | d('e') }}", "d||d|None|e")]
    [InlineData("{{ 5 | string | length }}|{{ none | string }}", "1|None")]
    public void Conversion_filters(string template, string expected) =>
        Assert.Equal(expected, Jinja.Render(template));

    [Theory]
    [InlineData("{{ ' a ' | trim }}|{{ 'xxax' | trim('x') }}", "a|a")]
    [InlineData("{{ 'abc' | upper }}{{ 'ABC' | lower }}{{ 'aBC' | capitalize }}", "ABCabcAbc")]
    [InlineData("{{ \"they're here-now\" | title }}", "They're Here-Now")]
    [InlineData("{{ 'hello' | replace('l', 'L') }}|{{ 'hello' | replace('l', 'L', 1) }}", "heLLo|heLlo")]
    [InlineData("{{ '<a href=\"x\">&\\'' | e }}|{{ '<b>' | escape }}|{{ '<b>' | safe }}", "&lt;a href=&#34;x&#34;&gt;&amp;&#39;|&lt;b&gt;|<b>")]
    [InlineData("{{ 'a b  c' | wordcount }}|{{ 'abc' | center(7) }}|{{ '%s-%d' | format('a', 3) }}", "3|  abc  |a-3")]
    public void String_filters(string template, string expected) =>
        Assert.Equal(expected, Jinja.Render(template));

    [Theory]
    [InlineData("{{ 'a\\nb' | indent(2) }}", "a\n  b")]
    [InlineData("{{ 'a\\n\\nb' | indent(2, first=true) }}", "  a\n\n  b")]
    [InlineData("{{ 'a\\n\\nb' | indent(2, blank=true) }}", "a\n  \n  b")]
    [InlineData("{{ 'a\\nb' | indent('> ') }}", "a\n> b")]
    public void Indent_skips_the_first_line_and_blank_lines_by_default(string template, string expected) =>
        Assert.Equal(expected, Jinja.Render(template));

    [Fact]
    public void Tojson_prints_python_json_dumps_compact_style() =>
        Assert.Equal("""{"a": [1, 2.5, "x\"y", null, true], "b": {}, "c": []}""",
            Jinja.Render("""{{ {'a': [1, 2.5, 'x"y', none, true], 'b': {}, 'c': []} | tojson }}"""));

    [Fact]
    public void Tojson_with_indent_breaks_lines_like_json_dumps() =>
        Assert.Equal("{\n  \"a\": [\n    1,\n    \"x\"\n  ],\n  \"b\": {}\n}", Jinja.Render("{{ {'a': [1, 'x'], 'b': {}} | tojson(indent=2) }}"));

    [Fact]
    public void Tojson_keeps_non_ascii_and_html_but_escapes_control_characters() =>
        Assert.Equal("\"ünï 🚀 <tag>&\\n\\t\\u0001\\\\\"", Jinja.Render("{{ t | tojson }}", """{"t": "ünï 🚀 <tag>&\n\t\u0001\\"}"""));

    [Fact]
    public void Tojson_round_trips_tool_schemas_in_key_order() =>
        Assert.Equal("""{"type": "function", "function": {"name": "f", "parameters": {"required": ["x"], "properties": {"x": {"type": "integer"}}}}}""",
            Jinja.Render("{{ tool | tojson }}", """{"tool": {"type": "function", "function": {"name": "f", "parameters": {"required": ["x"], "properties": {"x": {"type": "integer"}}}}}}"""));

    [Fact]
    public void Tojson_takes_json_dumps_separators_and_ensure_ascii() =>
        Assert.Equal("""{"a":[1,2]}|"\u00fc\ud83d\ude80"|{"a": 1}""",
            Jinja.Render("""{{ {'a': [1, 2]} | tojson(separators=(',', ':')) }}|{{ 'ü🚀' | tojson(ensure_ascii=true) }}|{{ {'a': 1} | tojson(indent=none) }}"""));

    [Fact]
    public void Tojson_can_sort_keys() =>
        Assert.Equal("""{"a": 2, "b": 1}""", Jinja.Render("{{ {'b': 1, 'a': 2} | tojson(sort_keys=true) }}"));
}
