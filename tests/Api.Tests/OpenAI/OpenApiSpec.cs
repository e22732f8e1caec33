using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Platform.Api.Tests.OpenAI;

/// <summary>Reads property names out of ../shared/openai/openapi.yaml (the published OpenAI spec) by schema.</summary>
internal static partial class OpenApiSpec
{
    static readonly Lazy<string[]> Lines = new(() => File.ReadAllLines(SharedData.Path("openai", "openapi.yaml")));

    /// <summary>Every `name:` key inside the given component schemas (a superset of their property names).</summary>
    public static HashSet<string> KeysOf(params string[] schemas)
    {
        var keys = new HashSet<string>(StringComparer.Ordinal);
        foreach (var schema in schemas)
        {
            var start = Array.IndexOf(Lines.Value, $"    {schema}:");
            Assert.True(start >= 0, $"schema {schema} not in the spec");
            for (var i = start + 1; i < Lines.Value.Length && !SchemaHeader().IsMatch(Lines.Value[i]); i++)
                if (KeyLine().Match(Lines.Value[i]) is { Success: true } match)
                    keys.Add(match.Groups[1].Value);
        }
        return keys;
    }

    /// <summary>The direct property names of the given component schemas (each `properties:` block's own keys, allOf parts included).</summary>
    public static HashSet<string> PropertiesOf(params string[] schemas)
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var schema in schemas)
        {
            var start = Array.IndexOf(Lines.Value, $"    {schema}:");
            Assert.True(start >= 0, $"schema {schema} not in the spec");
            var block = -1;
            for (var i = start + 1; i < Lines.Value.Length && !SchemaHeader().IsMatch(Lines.Value[i]); i++)
            {
                var line = Lines.Value[i];
                if (line.Trim().Length == 0)
                    continue;
                var indent = line.Length - line.TrimStart().Length;
                if (block >= 0 && indent <= block)
                    block = -1;
                if (block < 0 && line.Trim() == "properties:")
                    block = indent;
                else if (block >= 0 && indent == block + 2 && KeyLine().Match(line) is { Success: true } match)
                    names.Add(match.Groups[1].Value);
            }
        }
        return names;
    }

    /// <summary>The names every `required:` list of the given component schemas holds.</summary>
    public static HashSet<string> RequiredOf(params string[] schemas)
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var schema in schemas)
        {
            var start = Array.IndexOf(Lines.Value, $"    {schema}:");
            Assert.True(start >= 0, $"schema {schema} not in the spec");
            var inList = false;
            for (var i = start + 1; i < Lines.Value.Length && !SchemaHeader().IsMatch(Lines.Value[i]); i++)
            {
                var line = Lines.Value[i].Trim();
                if (line == "required:")
                    inList = true;
                else if (inList && line.StartsWith("- ", StringComparison.Ordinal))
                    names.Add(line[2..].Trim());
                else
                    inList = false;
            }
        }
        return names;
    }

    /// <summary>The fields Platform adds to OpenAI's model card (OpenAI clients ignore them): context length and replicas.</summary>
    public static readonly string[] ModelCardAdditions = ["max_model_len", "replicas"];

    /// <summary>A copy of a model list (or one model card) without <see cref="ModelCardAdditions"/>, so the rest can be held to the spec.</summary>
    public static JsonNode WithoutModelCardAdditions(JsonNode body)
    {
        var copy = body.DeepClone();
        var cards = copy["data"] is JsonArray data ? data.Select(card => card!.AsObject()) : [copy.AsObject()];
        foreach (var card in cards)
            foreach (var key in ModelCardAdditions)
                card.Remove(key);
        return copy;
    }

    /// <summary>Every property name in a JSON document, at any depth.</summary>
    public static HashSet<string> KeysIn(JsonNode? node)
    {
        var keys = new HashSet<string>(StringComparer.Ordinal);
        Collect(node, keys);
        return keys;
    }

    static void Collect(JsonNode? node, HashSet<string> keys)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var (key, value) in obj)
                {
                    keys.Add(key);
                    Collect(value, keys);
                }
                break;
            case JsonArray array:
                foreach (var item in array)
                    Collect(item, keys);
                break;
        }
    }

    [GeneratedRegex(@"^    [A-Za-z][A-Za-z0-9_.]*:\s*$")]
    private static partial Regex SchemaHeader();

    [GeneratedRegex(@"^\s+([a-z_]+):")]
    private static partial Regex KeyLine();
}
