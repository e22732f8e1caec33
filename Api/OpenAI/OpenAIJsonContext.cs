using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using Platform.Api.OpenAI.Errors;
using Platform.Api.OpenAI.Requests;
using Platform.Api.OpenAI.Responses;

namespace Platform.Api.OpenAI;

/// <summary>Source-generated JSON metadata for the OpenAI wire records, snake_case as the API spells them.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower)]
[JsonSerializable(typeof(ChatCompletionRequest))]
[JsonSerializable(typeof(CompletionRequest))]
[JsonSerializable(typeof(ContentPart))]
[JsonSerializable(typeof(ChatCompletionResponse))]
[JsonSerializable(typeof(ChatCompletionChunk))]
[JsonSerializable(typeof(CompletionResponse))]
[JsonSerializable(typeof(ModelList))]
[JsonSerializable(typeof(ErrorResponse))]
public sealed partial class OpenAIJsonContext : JsonSerializerContext
{
    // Converters run with whatever options the caller serializes with; they find part metadata there.
    internal static JsonTypeInfo<ContentPart> GetPartInfo(JsonSerializerOptions options) =>
        (JsonTypeInfo<ContentPart>)options.GetTypeInfo(typeof(ContentPart));
}
