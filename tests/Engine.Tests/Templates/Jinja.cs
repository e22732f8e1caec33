using System.Text.Json.Nodes;
using Platform.Engine.Templates;

namespace Platform.Engine.Tests.Templates;

/// <summary>Renders a template snippet with variables given as a JSON object (helper for the interpreter's unit tests).</summary>
internal static class Jinja
{
    public static string Render(string template, string variablesJson = "{}")
    {
        var variables = JsonNode.Parse(variablesJson)!.AsObject();
        var extra = variables.ToDictionary(pair => pair.Key, pair => pair.Value?.DeepClone());
        return ChatTemplate.Parse(template).Render(new ChatTemplateContext { Messages = [], Extra = extra });
    }

    public static TemplateException Fails(string template, string variablesJson = "{}") =>
        Assert.Throws<TemplateException>(() => Render(template, variablesJson));
}
