using System.Reflection;
using System.Text.Json;
using System.Text.Json.Nodes;
using Platform.Api.OpenAI.Requests;

namespace Platform.Silo.Tests.Serving.Fuzz;

/// <summary>
/// Every field of every request record (found by reflection) set to each JSON value its type cannot take. The values
/// come from a table by CLR type; a field whose type has no row fails the suite, so new fields are fuzzed too.
/// </summary>
public static class WrongTypeCases
{
    public const string Category = "wrong JSON type";

    const string Overflow = "1e400";
    const string Placeholder = "__overflow__";

    static readonly string[] NotText = ["7", "1.5", "true", "{}", "[]", "[\"x\"]"];
    static readonly string[] NotInteger = ["\"7\"", "1.5", "true", "{}", "[]", "[7]", "1e400"];
    static readonly string[] NotNumber = ["\"0.5\"", "true", "{}", "[]", "[0.5]", "1e400"];
    static readonly string[] NotBoolean = ["\"true\"", "1", "0", "{}", "[]", "[true]"];

    static readonly Dictionary<Type, string[]> ByType = new()
    {
        [typeof(string)] = NotText,
        [typeof(int)] = NotInteger,
        [typeof(long)] = NotInteger,
        [typeof(double)] = NotNumber,
        [typeof(bool)] = NotBoolean,
        [typeof(StopSequences)] = ["7", "true", "{}", "[7]", "[{}]", "[[]]", "[null]"],
        [typeof(Dictionary<string, double>)] = ["\"x\"", "7", "true", "[]", "{\"5\":\"x\"}", "{\"5\":{}}", "{\"5\":[1]}"],
        [typeof(StreamOptions)] = ["\"x\"", "7", "true", "[]", "[{}]"],
        [typeof(CompletionPrompt)] = ["7", "true", "{}", "[true]", "[{}]", "[[true]]", "[1.5]", "[null]", "[[\"x\"]]"],
        [typeof(IReadOnlyList<ChatMessage>)] = ["\"hi\"", "7", "true", "{}", "[7]", "[\"hi\"]", "[[]]", "[null]"],
        [typeof(IReadOnlyList<int>)] = ["\"x\"", "7", "true", "{}", "[\"x\"]", "[1.5]", "[true]", "[[1]]", "[null]"],
        [typeof(MessageContent)] = ["7", "true", "{}", "[7]", "[\"hi\"]", "[[]]", "[null]"],
        [typeof(JsonArray)] = ["\"x\"", "7", "true", "{}"],
    };

    // Fields kept raw (JsonElement) take any JSON at parse time; what each refuses is its own rule.
    static readonly Dictionary<string, string[]> RawFields = new()
    {
        ["tools"] = ["\"x\"", "7", "true", "{}", "[7]", "[\"x\"]"],
        ["tool_choice"] = ["7", "true", "[]", "\"auto\"", "\"required\"", "{\"type\":7}"],
        ["response_format"] = ["\"json\"", "7", "true", "[]", "{\"type\":\"json_schema\"}", "{\"type\":\"json_schema\",\"json_schema\":{\"name\":\"x\",\"schema\":{\"type\":\"string\",\"format\":\"email\"}}}", "{\"type\":7}"],
        ["parallel_tool_calls"] = ["\"yes\"", "7", "{}", "[]"],
        ["stop_token_ids"] = ["\"x\"", "7", "true", "{}", "[\"x\"]", "[1.5]", "[-1]", "[1099511627776]", "[[1]]"],
        ["structured_outputs"] = ["\"x\"", "7", "true", "[]", "{\"json\":7}", "{\"regex\":\"\"}", "{\"choice\":[]}", "{\"json_object\":7}", "{\"grammar\":\"x\"}", "{\"bogus\":1}"],
        ["guided_json"] = ["7", "true", "[]"],
        ["guided_regex"] = ["7", "true", "{}", "[]", "\"\""],
        ["guided_choice"] = ["\"x\"", "7", "{}", "[]", "[7]", "[\"\"]"],
        ["guided_grammar"] = ["\"root ::= x\"", "7", "{}"],
    };

    /// <summary>All the cases, one per field and wrong value.</summary>
    public static IEnumerable<FuzzCase> All()
    {
        foreach (var site in FuzzBodies.Records)
            foreach (var (name, property) in FuzzBodies.Fields(site.Record))
                foreach (var value in WrongValues(site.Record, name, property))
                {
                    var body = site.Body();
                    // JsonNode cannot hold 1e400 (beyond a double): a placeholder is swapped for it in the text.
                    site.Holder(body)[name] = value == Overflow ? JsonValue.Create(Placeholder) : JsonNode.Parse(value);
                    var json = body.ToJsonString().Replace($"\"{Placeholder}\"", Overflow, StringComparison.Ordinal);
                    yield return new FuzzCase(Category, $"{site.Path} {site.Record.Name}.{name} = {value}", FuzzSend.Json(site.Path, json));
                }
    }

    static IEnumerable<string> WrongValues(Type record, string name, PropertyInfo property)
    {
        var type = Nullable.GetUnderlyingType(property.PropertyType) ?? property.PropertyType;
        var values = type == typeof(JsonElement) ? RawFields.GetValueOrDefault(name) : ByType.GetValueOrDefault(type);
        if (values is null)
            throw new InvalidOperationException($"{record.Name}.{property.Name} ({type.Name}) has no row in the wrong-type table: add one.");
        return values;
    }
}
