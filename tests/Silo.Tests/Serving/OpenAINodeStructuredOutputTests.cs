using System.Text.Json;
using System.Text.Json.Nodes;
using Platform.Silo.Tests.Serving.Support;
using JsonSchema = Json.Schema.JsonSchema;

namespace Platform.Silo.Tests.Serving;

/// <summary>
/// Structured outputs through the official OpenAI Node client (tests/Silo.Tests/openai-node/structured.mjs) on the
/// random-weight tiny-qwen2 (Phi-3 tokenizer), for a set of schemas: json_schema outputs parse and validate (whole, streamed, completions), json_object outputs
/// are objects (or, cut by max_tokens, the start of one), a vLLM choice is one of the choices, and an unsupported keyword
/// is a 400 naming it.
/// </summary>
[Collection(ServingCollection.Name)]
public class OpenAINodeStructuredOutputTests(ServingServer server)
{
    // Strings are bounded so a random model, which rarely picks a closing quote among 32k tokens, finishes in max_tokens.
    private const string Person = """
        {"type":"object","properties":{
          "name":{"type":"string","minLength":1,"maxLength":6},
          "age":{"type":"integer","minimum":0,"maximum":120},
          "likes":{"type":"array","items":{"enum":["tea","cats","jazz"]},"minItems":1,"maxItems":2},
          "nickname":{"anyOf":[{"type":"string","pattern":"^[a-z]{2,5}$"},{"type":"null"}]},
          "married":{"type":"boolean"}},
         "required":["name","age","likes","nickname","married"],"additionalProperties":false}
        """;

    private const string Order = """
        {"type":"object","properties":{
          "kind":{"const":"order"},
          "id":{"type":"integer","minimum":1,"maximum":999},
          "customer":{"type":"object","properties":{"tier":{"enum":["gold","silver"]},"code":{"type":"string","pattern":"^[A-Z]{3}$"}},
                      "required":["tier","code"],"additionalProperties":false}},
         "required":["kind","id","customer"],"additionalProperties":false}
        """;

    private const string Points = """
        {"type":"object","$defs":{"point":{"type":"object","properties":{"x":{"type":"integer","minimum":-9,"maximum":9},"y":{"type":"integer","minimum":-9,"maximum":9}},
                                            "required":["x","y"],"additionalProperties":false}},
         "properties":{"points":{"type":"array","items":{"$ref":"#/$defs/point"},"minItems":1,"maxItems":3},"closed":{"type":"boolean"}},
         "required":["points","closed"],"additionalProperties":false}
        """;

    public static TheoryData<string> Schemas() => [Person, Order, Points];

    [Theory]
    [MemberData(nameof(Schemas))]
    public async Task OfficialNodeClient_GetsSchemaValidJson_JsonObjects_AChoice_AndARefusalNamingTheKeyword(string schema)
    {
        var result = await OpenAINodeCheck.RunAsync(server.Host.Url, "structured.mjs",
            new Dictionary<string, string> { ["PLATFORM_MODEL"] = ServingServer.Qwen, ["PLATFORM_SCHEMA"] = schema });
        var validator = JsonSchema.FromText(schema);

        var outputs = result["whole"]!.AsArray().Select(o => (o!["text"]!.GetValue<string>(), o["finish_reason"]!.GetValue<string>()))
            .Append((result["stream"]!["text"]!.GetValue<string>(), result["stream"]!["finish_reason"]!.GetValue<string>()))
            .Append((result["completion"]!["text"]!.GetValue<string>(), result["completion"]!["finish_reason"]!.GetValue<string>()));
        foreach (var (text, finish) in outputs)
        {
            Assert.Equal("stop", finish);
            Assert.True(validator.Evaluate(JsonDocument.Parse(text).RootElement).IsValid, $"not valid against the schema: {text}");
        }

        foreach (var o in result["json_object"]!.AsArray())
        {
            var text = o!["text"]!.GetValue<string>();
            if (o["finish_reason"]!.GetValue<string>() == "stop")
                Assert.IsType<JsonObject>(JsonNode.Parse(text));
            else
            {
                Assert.Equal("length", o["finish_reason"]!.GetValue<string>());
                Assert.StartsWith("{", text.TrimStart());
                Assert.True(JsonPrefix.IsPrefix(text), $"not the start of a JSON text: {text}");
            }
        }

        Assert.Contains(result["choice"]!["text"]!.GetValue<string>(), new[] { "yes", "no", "maybe" });
        Assert.Equal("stop", result["choice"]!["finish_reason"]!.GetValue<string>());

        var refusal = result["refusal"]!;
        Assert.Equal(400, refusal["status"]!.GetValue<int>());
        Assert.Equal("response_format.json_schema.schema", refusal["param"]!.GetValue<string>());
        Assert.Contains("unsupported JSON Schema keyword 'format' at /properties/email", refusal["message"]!.GetValue<string>());
    }
}
