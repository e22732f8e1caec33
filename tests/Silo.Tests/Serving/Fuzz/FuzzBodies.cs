using System.Reflection;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using Platform.Api.OpenAI.Requests;
using Platform.Api.Wire;
using Platform.Silo.Tests.Serving.Support;

namespace Platform.Silo.Tests.Serving.Fuzz;

/// <summary>
/// The valid request of every POST endpoint that the fuzz cases break one field at a time, and where in it each
/// request record's fields live. The suite checks each valid body is answered 200 first, so a 4xx is the break's doing.
/// </summary>
public static class FuzzBodies
{
    public const string Chat = "/v1/chat/completions";
    public const string Completions = "/v1/completions";
    public const string Tokenize = "/tokenize";
    public const string Detokenize = "/detokenize";

    /// <summary>A one-token chat on the model with a chat template.</summary>
    public static JsonObject ChatBody() => new()
    {
        ["model"] = ServingServer.Qwen, ["messages"] = new JsonArray(new JsonObject { ["role"] = "user", ["content"] = "hi" }), ["max_tokens"] = 1,
    };

    /// <summary>A one-token completion.</summary>
    public static JsonObject CompletionBody() => new() { ["model"] = ServingServer.Llama, ["prompt"] = "hi", ["max_tokens"] = 1 };

    /// <summary>Tokenize a prompt.</summary>
    public static JsonObject TokenizeBody() => new() { ["model"] = ServingServer.Llama, ["prompt"] = "hi" };

    /// <summary>Tokenize chat messages.</summary>
    public static JsonObject TokenizeMessagesBody() => new()
    {
        ["model"] = ServingServer.Qwen, ["messages"] = new JsonArray(new JsonObject { ["role"] = "user", ["content"] = "hi" }),
    };

    /// <summary>Detokenize two ids.</summary>
    public static JsonObject DetokenizeBody() => new() { ["model"] = ServingServer.Llama, ["tokens"] = new JsonArray(1, 2) };

    /// <summary>Every POST endpoint with its valid body.</summary>
    public static IReadOnlyList<(string Path, Func<JsonObject> Body)> Endpoints { get; } =
    [
        (Chat, ChatBody), (Completions, CompletionBody), (Tokenize, TokenizeBody), (Tokenize, TokenizeMessagesBody), (Detokenize, DetokenizeBody),
    ];

    /// <summary>
    /// Each request record with the endpoint and valid body it is read from, and the object inside that body that holds
    /// its fields (the body itself, a message, a content part, the stream options).
    /// </summary>
    public static IReadOnlyList<RecordSite> Records { get; } =
    [
        new(typeof(ChatCompletionRequest), Chat, ChatBody, body => body),
        new(typeof(ChatMessage), Chat, ChatBody, body => (JsonObject)body["messages"]![0]!),
        new(typeof(ContentPart), Chat, ChatBody, body => Part(body)),
        new(typeof(StreamOptions), Chat, ChatBody, Options),
        new(typeof(CompletionRequest), Completions, CompletionBody, body => body),
        new(typeof(StreamOptions), Completions, CompletionBody, Options),
        new(typeof(TokenizeRequest), Tokenize, TokenizeBody, body => body),
        new(typeof(ChatMessage), Tokenize, TokenizeMessagesBody, body => (JsonObject)body["messages"]![0]!),
        new(typeof(DetokenizeRequest), Detokenize, DetokenizeBody, body => body),
    ];

    /// <summary>The JSON names and CLR types of a record's wire fields (what System.Text.Json reads, snake_case).</summary>
    public static IEnumerable<(string Name, PropertyInfo Property)> Fields(Type record) =>
        record.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => p.SetMethod is not null && p.GetCustomAttribute<JsonIgnoreAttribute>() is null)
            .Select(p => (p.GetCustomAttribute<JsonPropertyNameAttribute>()?.Name ?? JsonNamingPolicy.SnakeCaseLower.ConvertName(p.Name), p));

    static JsonObject Part(JsonObject body)
    {
        var part = new JsonObject { ["type"] = "text", ["text"] = "hi" };
        body["messages"]![0]!["content"] = new JsonArray(part);
        return part;
    }

    static JsonObject Options(JsonObject body)
    {
        var options = new JsonObject { ["include_usage"] = true };
        body["stream"] = true;
        body["stream_options"] = options;
        return options;
    }
}

/// <summary>Where a request record's fields sit: the endpoint, its valid body, and the object within it that holds them.</summary>
public sealed record RecordSite(Type Record, string Path, Func<JsonObject> Body, Func<JsonObject, JsonObject> Holder);
