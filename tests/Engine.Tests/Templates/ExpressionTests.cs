namespace Platform.Engine.Tests.Templates;

/// <summary>Operators, precedence, literals, printing, slicing and undefined values with Python/Jinja semantics.</summary>
public sealed class ExpressionTests
{
    [Theory]
    [InlineData("{{ 1 + 2 * 3 }}", "7")]
    [InlineData("{{ (1 + 2) * 3 }}", "9")]
    [InlineData("{{ 2 ** 3 }}", "8")]
    [InlineData("{{ 7 // 2 }}|{{ -7 // 2 }}", "3|-4")]
    [InlineData("{{ 7 % 3 }}|{{ -7 % 3 }}", "1|2")]
    [InlineData("{{ 7 / 2 }}|{{ 4 / 2 }}", "3.5|2.0")]
    [InlineData("{{ 1 + 1.5 }}", "2.5")]
    [InlineData("{{ 'ab' * 2 }}", "abab")]
    [InlineData("{{ 'a' ~ 1 ~ none }}", "a1None")]
    [InlineData("{{ [1] + [2] }}", "[1, 2]")]
    [InlineData("{{ messages|length - 1 }}", "-1")]
    public void Arithmetic_and_concatenation_follow_python(string template, string expected) =>
        Assert.Equal(expected, Jinja.Render(template));

    [Theory]
    [InlineData("{{ ' x ' | trim + 'y' }}", "xy")]
    [InlineData("{{ not x is defined }}", "True")]
    [InlineData("{{ x is not none }}", "True")]
    [InlineData("{{ -3 | abs }}", "3")]
    [InlineData("{{ 'y' if true else 'n' }}{{ 'z' if false }}", "y")]
    [InlineData("{{ '' or 'b' }}|{{ 'a' and 'b' }}|{{ 0 and 1 }}", "b|b|0")]
    [InlineData("{{ not(1 == 2) }}", "True")]
    public void Filters_and_tests_bind_tighter_than_operators(string template, string expected) =>
        Assert.Equal(expected, Jinja.Render(template));

    [Theory]
    [InlineData("{{ 'a' in 'cat' }}", "True")]
    [InlineData("{{ 2 not in [1, 2] }}", "False")]
    [InlineData("{{ 'k' in {'k': 1} }}", "True")]
    [InlineData("{{ 'k' in nothing }}", "False")]
    [InlineData("{{ [1, 2] == [1, 2] }}|{{ 1 == 1.0 }}|{{ 'a' < 'b' }}|{{ 2 >= 3 }}", "True|True|True|False")]
    [InlineData("{{ {'a': [1]} == {'a': [1]} }}", "True")]
    [InlineData("{{ 1 < 2 < 3 }}|{{ 3 > 2 > 2 }}|{{ 1 < 5 <= 4 }}", "True|False|False")]
    public void Membership_and_comparison(string template, string expected) =>
        Assert.Equal(expected, Jinja.Render(template));

    [Theory]
    [InlineData("{{ 'hello'[1:3] }}", "el")]
    [InlineData("{{ 'hello'[::-1] }}", "olleh")]
    [InlineData("{{ [1,2,3,4][1:] }}", "[2, 3, 4]")]
    [InlineData("{{ [1,2,3][-1] }}", "3")]
    [InlineData("{{ [1,2,3,4,5][::2] }}", "[1, 3, 5]")]
    [InlineData("{{ 'abc'[:-1] }}", "ab")]
    [InlineData("{{ [1,2,3][5:] }}", "[]")]
    [InlineData("{{ 'a🚀b'[1] }}|{{ '🚀x' | length }}", "🚀|2")]
    [InlineData("{{ items.0 }}", "x")]
    public void Indexing_and_slicing_follow_python(string template, string expected) =>
        Assert.Equal(expected, Jinja.Render(template, """{"items": ["x"]}"""));

    [Theory]
    [InlineData("{{ none }}|{{ true }}|{{ False }}", "None|True|False")]
    [InlineData("{{ [1, 'a', none, 2.0] }}", "[1, 'a', None, 2.0]")]
    [InlineData("{{ {'a': 1, 'b': \"it's\"} }}", "{'a': 1, 'b': \"it's\"}")]
    [InlineData("{{ (1,) }}|{{ (1, 2) }}", "(1,)|(1, 2)")]
    [InlineData("{{ 0.1 + 0.2 }}|{{ 1e20 }}|{{ 1.5e-7 }}", "0.30000000000000004|1e+20|1.5e-07")]
    [InlineData("{{ 'a\\tb\\u00e9\\n' }}", "a\tbé\n")]
    [InlineData("{{ 'con' 'cat' }}", "concat")]
    public void Values_print_as_python_str_does(string template, string expected) =>
        Assert.Equal(expected, Jinja.Render(template));

    [Theory]
    [InlineData("[{{ missing }}]", "[]")]
    [InlineData("{{ d.missing is defined }}|{{ d['missing'] is undefined }}", "False|True")]
    [InlineData("{{ missing | length }}|{{ missing | default('x') }}", "0|x")]
    [InlineData("{% for x in missing %}x{% endfor %}done", "done")]
    [InlineData("{{ d.a }}{{ d['a'] }}", "11")]
    public void Undefined_values_print_empty_and_test_as_undefined(string template, string expected) =>
        Assert.Equal(expected, Jinja.Render(template, """{"d": {"a": 1}}"""));

    [Theory]
    [InlineData("{{ 'xxhixx'.strip('x') }}|{{ '\\n\\nhi\\n'.lstrip('\\n') }}|{{ ' a '.rstrip() }}", "hi|hi\n| a")]
    [InlineData("{{ 'a,b,,c'.split(',') }}|{{ '  a  b '.split() }}|{{ 'a b c'.split(' ', 1) }}", "['a', 'b', '', 'c']|['a', 'b']|['a', 'b c']")]
    [InlineData("{{ 'x</think>y'.split('</think>')[-1] }}", "y")]
    [InlineData("{{ 'hello'.startswith('he') }}|{{ 'hello'.endswith(('x', 'lo')) }}", "True|True")]
    [InlineData("{{ 'aaa'.replace('a', 'b', 2) }}|{{ 'Ab'.upper() }}{{ 'Ab'.lower() }}", "bba|ABab")]
    [InlineData("{{ 'hello world'.title() }}|{{ \"they're\".title() }}|{{ 'hELLO'.capitalize() }}", "Hello World|They'Re|Hello")]
    [InlineData("{{ '{} and {name}'.format(1, name='x') }}|{{ '%s-%d' % ('a', 3) }}", "1 and x|a-3")]
    [InlineData("{{ 'banana'.count('an') }}|{{ 'banana'.find('n') }}|{{ '-'.join(['a', 'b']) }}", "2|2|a-b")]
    [InlineData("{{ 'aB'.swapcase() }}|{{ '7'.zfill(3) }}|{{ 'ab'.center(6, '*') }}|{{ 'x.y.z'.rpartition('.') }}|{{ 'v1'.removeprefix('v') }}", "Ab|007|**ab**|('x.y', '.', 'z')|1")]
    public void String_methods_follow_python(string template, string expected) =>
        Assert.Equal(expected, Jinja.Render(template));

    [Theory]
    [InlineData("{{ d.get('a') }}|{{ d.get('z', 'dflt') }}|{{ d.get('z') }}", "1|dflt|None")]
    [InlineData("{{ d.keys() | list }}|{{ d.values() | list }}|{{ d.items() | list }}", "['a', 'b']|[1, [2]]|[('a', 1), ('b', [2])]")]
    public void Dict_methods_follow_python(string template, string expected) =>
        Assert.Equal(expected, Jinja.Render(template, """{"d": {"a": 1, "b": [2]}}"""));

    [Fact]
    public void Json_numbers_keep_integer_and_float_kinds() =>
        Assert.Equal("2|2.5|3.0", Jinja.Render("{{ i + 1 }}|{{ f + 1 }}|{{ g }}", """{"i": 1, "f": 1.5, "g": 3.0}"""));

    [Fact]
    public void Messages_and_special_tokens_are_bound_from_the_context()
    {
        var template = Platform.Engine.Templates.ChatTemplate.Parse(
            "{{ bos_token }}{% for m in messages %}{{ m.role }}:{{ m['content'] }};{% endfor %}{{ add_generation_prompt }}{{ eos_token }}{{ tools | length }}");
        var rendered = template.Render(new Platform.Engine.Templates.ChatTemplateContext
        {
            Messages = [new System.Text.Json.Nodes.JsonObject { ["role"] = "user", ["content"] = "hi" }],
            AddGenerationPrompt = false,
            BosToken = "<s>",
            EosToken = "</s>",
            Tools = [new System.Text.Json.Nodes.JsonObject()],
        });
        Assert.Equal("<s>user:hi;False</s>1", rendered);
    }
}
