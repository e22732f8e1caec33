using System.Text;
using System.Text.Json.Nodes;
using Platform.Api.OpenAI.Requests;

namespace Platform.Silo.Tests.Serving.Fuzz;

/// <summary>
/// Numbers at and past the ends of their types for every numeric field (by reflection), n and max_tokens at int.MaxValue,
/// megabyte strings and 100,000-element arrays where the API must refuse them.
/// </summary>
public static class HugeValueCases
{
    public const string Category = "huge or extreme value";

    // Out of range for every bounded int field; past int (and long) for any; seed takes any long, so only the latter.
    static readonly string[] Integers = ["-2147483648", "2147483648", "-9223372036854775809", "99999999999999999999999"];
    static readonly string[] Longs = ["9223372036854775808", "-9223372036854775809", "1e20"];
    // Every double field is bounded within [-2, 2] or tighter.
    static readonly string[] Doubles = ["-1e308", "1e308", "-1.7976931348623157e308", "1.7976931348623157e308"];

    /// <summary>All the cases.</summary>
    public static IEnumerable<FuzzCase> All()
    {
        foreach (var site in FuzzBodies.Records.Where(r => r.Record.IsSubclassOf(typeof(GenerationRequest))))
            foreach (var (name, property) in FuzzBodies.Fields(site.Record))
            {
                var type = Nullable.GetUnderlyingType(property.PropertyType) ?? property.PropertyType;
                var values = type == typeof(int) ? Integers : type == typeof(long) ? Longs : type == typeof(double) ? Doubles : [];
                foreach (var value in values)
                    yield return Case(site.Path, $"{name} = {value}", Set(site.Body(), name, value));
            }
        foreach (var name in new[] { "max_tokens", "n" })
        {
            yield return Case(FuzzBodies.Chat, $"{name} = int.MaxValue", Set(FuzzBodies.ChatBody(), name, "2147483647"));
            yield return Case(FuzzBodies.Completions, $"{name} = int.MaxValue", Set(FuzzBodies.CompletionBody(), name, "2147483647"));
        }
        yield return Case(FuzzBodies.Chat, "max_completion_tokens = int.MaxValue", Set(FuzzBodies.ChatBody(), "max_completion_tokens", "2147483647"));
        yield return Case(FuzzBodies.Chat, "top_logprobs = int.MaxValue", Set(FuzzBodies.ChatBody(), "top_logprobs", "2147483647"));
        yield return Case(FuzzBodies.Completions, "logprobs = int.MaxValue", Set(FuzzBodies.CompletionBody(), "logprobs", "2147483647"));

        var mib = new string('x', 1 << 20);
        var words = string.Join(' ', Enumerable.Repeat("x", 1 << 19));
        yield return Case(FuzzBodies.Chat, "model of 1 MiB", With(FuzzBodies.ChatBody(), b => b["model"] = mib));
        yield return Case(FuzzBodies.Completions, "model of 1 MiB", With(FuzzBodies.CompletionBody(), b => b["model"] = mib));
        yield return Case(FuzzBodies.Tokenize, "model of 1 MiB", With(FuzzBodies.TokenizeBody(), b => b["model"] = mib));
        yield return Case(FuzzBodies.Detokenize, "model of 1 MiB", With(FuzzBodies.DetokenizeBody(), b => b["model"] = mib));
        yield return Case(FuzzBodies.Chat, "role of 1 MiB", With(FuzzBodies.ChatBody(), b => b["messages"]![0]!["role"] = mib));
        yield return Case(FuzzBodies.Chat, "tool_choice of 1 MiB", With(FuzzBodies.ChatBody(), b => b["tool_choice"] = mib));
        yield return Case(FuzzBodies.Chat, "content of 512k words", With(FuzzBodies.ChatBody(), b => b["messages"]![0]!["content"] = words));
        yield return Case(FuzzBodies.Completions, "prompt of 512k words", With(FuzzBodies.CompletionBody(), b => b["prompt"] = words));
        yield return Case(FuzzBodies.Completions, "prompt of 64 KiB without a space", With(FuzzBodies.CompletionBody(), b => b["prompt"] = mib[..(64 * 1024)]));
        yield return Case(FuzzBodies.Completions, "stop of 1 MiB with max_tokens past the context",
            With(FuzzBodies.CompletionBody(), b => { b["stop"] = mib; b["max_tokens"] = 1_000_000; }));

        const int many = 100_000;
        yield return Case(FuzzBodies.Completions, "prompt of 100k token ids", Set(FuzzBodies.CompletionBody(), "prompt", Repeat("1", many)));
        yield return Case(FuzzBodies.Completions, "prompt of 100k strings", Set(FuzzBodies.CompletionBody(), "prompt", Repeat("\"x\"", many)));
        yield return Case(FuzzBodies.Completions, "prompt of 10k arrays of 100 ids", Set(FuzzBodies.CompletionBody(), "prompt", Repeat(Repeat("1", 100), 10_000)));
        yield return Case(FuzzBodies.Chat, "100k messages", Set(FuzzBodies.ChatBody(), "messages", Repeat("{\"role\":\"user\",\"content\":\"hi\"}", many)));
        yield return Case(FuzzBodies.Chat, "100k content parts", With(FuzzBodies.ChatBody(), b => b["messages"]![0]!["content"] =
            JsonNode.Parse(Repeat("{\"type\":\"text\",\"text\":\"hi\"}", many))));
        yield return Case(FuzzBodies.Chat, "100k stop strings", Set(FuzzBodies.ChatBody(), "stop", Repeat("\"x\"", many)));
        yield return Case(FuzzBodies.Chat, "100k stop_token_ids past the vocabulary", Set(FuzzBodies.ChatBody(), "stop_token_ids", Repeat("99999999", many)));
        yield return Case(FuzzBodies.Chat, "100k tools", Set(FuzzBodies.ChatBody(), "tools", Repeat("{}", many)));
        yield return Case(FuzzBodies.Chat, "logit_bias of 100k entries", Set(FuzzBodies.ChatBody(), "logit_bias",
            "{" + string.Join(',', Enumerable.Range(0, many).Select(i => $"\"{i}\":1")) + "}"));
        yield return Case(FuzzBodies.Detokenize, "100k token ids past the vocabulary", Set(FuzzBodies.DetokenizeBody(), "tokens", Repeat("2147483647", many)));
        yield return Case(FuzzBodies.Detokenize, "negative token ids", Set(FuzzBodies.DetokenizeBody(), "tokens", "[-1,-2147483648]"));
        yield return Case(FuzzBodies.Tokenize, "100k messages", Set(FuzzBodies.TokenizeMessagesBody(), "messages", Repeat("{\"role\":\"bogus\",\"content\":\"hi\"}", many)));
        yield return Case(FuzzBodies.Chat, "n = 2147483647 and max_tokens = 2147483647",
            With(FuzzBodies.ChatBody(), b => { b["n"] = int.MaxValue; b["max_tokens"] = int.MaxValue; }));
    }

    static FuzzCase Case(string path, string label, string json) => new(Category, $"{path} {label}", FuzzSend.Json(path, json));

    // Number text goes in verbatim: JsonNode would round or refuse values past a double.
    static string Set(JsonObject body, string name, string raw)
    {
        body[name] = "__raw__";
        return body.ToJsonString().Replace("\"__raw__\"", raw, StringComparison.Ordinal);
    }

    static string With(JsonObject body, Action<JsonObject> change)
    {
        change(body);
        return body.ToJsonString();
    }

    static string Repeat(string element, int count) => new StringBuilder("[").AppendJoin(',', Enumerable.Repeat(element, count)).Append(']').ToString();
}
