using System.Text;
using System.Text.Json.Nodes;
using Platform.Engine.Templates;

namespace Platform.Engine.Tests.Templates;

/// <summary>Random template-like input never escapes as anything but <see cref="TemplateException"/>.</summary>
public sealed class TemplateRobustnessTests
{
    private static readonly string[] Fragments =
    [
        "{{", "}}", "{%", "%}", "{#", "#}", "{%-", "-%}", "{{-", "-}}", " ", "\n", "if", "elif", "else", "endif", "for", "in", "endfor",
        "set", "endset", "macro", "endmacro", "call", "endcall", "filter", "endfilter", "raw", "endraw", "break", "x", "messages", "m",
        "loop", ".", ",", ":", "(", ")", "[", "]", "{", "}", "|", "=", "==", "+", "-", "*", "/", "//", "%", "**", "~", "not", "and",
        "or", "is", "defined", "none", "'a'", "\"b\"", "'", "1", "0", "-1", "2.5", "length", "tojson", "trim", "join", "map", "items",
        "namespace(", "ns.x", "raise_exception(", "range(", "[::-1]", "[1:]", "content", "role", "attribute=", "default(", "select",
    ];

    [Fact]
    public void Ten_thousand_random_templates_parse_and_render_or_fail_with_a_template_exception()
    {
        var random = new Random(20261121);
        var context = new ChatTemplateContext
        {
            Messages = [new JsonObject { ["role"] = "user", ["content"] = "hi" }, new JsonObject { ["role"] = "assistant", ["content"] = null }],
            BosToken = "<s>",
            Extra = new Dictionary<string, JsonNode?> { ["x"] = new JsonArray(1, "two", null), ["ns"] = new JsonObject { ["x"] = 1 } },
        };
        var parsed = 0;
        for (var i = 0; i < 10_000; i++)
        {
            var sb = new StringBuilder();
            for (var n = random.Next(1, 30); n > 0; n--)
                sb.Append(Fragments[random.Next(Fragments.Length)]);
            try
            {
                ChatTemplate.Parse(sb.ToString()).Render(context);
                parsed++;
            }
            catch (TemplateException)
            {
            }
        }
        Assert.InRange(parsed, 1, 9_999);
    }
}
