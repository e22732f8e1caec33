using System.Text.Encodings.Web;
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
[JsonSerializable(typeof(ResponseRequest))]
[JsonSerializable(typeof(ResponseObject))]
[JsonSerializable(typeof(ResponseDeleted))]
[JsonSerializable(typeof(ResponseLifecycleEvent))]
[JsonSerializable(typeof(ResponseOutputItemEvent))]
[JsonSerializable(typeof(ResponseContentPartEvent))]
[JsonSerializable(typeof(ResponseTextDeltaEvent))]
[JsonSerializable(typeof(ResponseTextDoneEvent))]
[JsonSerializable(typeof(ResponseErrorEvent))]
public sealed partial class OpenAIJsonContext : JsonSerializerContext
{
    /// <summary>
    /// Writer settings for every response: text (quotes, non-ASCII) stays as is instead of \uXXXX escapes, which is
    /// safe because these bodies are JSON or event streams, never HTML.
    /// </summary>
    public static JsonWriterOptions WriterOptions { get; } = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping, SkipValidation = true };

    // Converters run with whatever options the caller serializes with; they find part metadata there.
    internal static JsonTypeInfo<ContentPart> GetPartInfo(JsonSerializerOptions options) =>
        (JsonTypeInfo<ContentPart>)options.GetTypeInfo(typeof(ContentPart));
}
