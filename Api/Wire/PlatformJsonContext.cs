using System.Text.Json.Serialization;
using Platform.Api.OpenAI.Requests;
using Platform.Grains.Interfaces.Sessions;

namespace Platform.Api.Wire;

/// <summary>Source-generated JSON metadata for the platform's own endpoints (vLLM-style tokenizer, health, sessions), snake_case.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower)]
[JsonSerializable(typeof(TokenizeRequest))]
[JsonSerializable(typeof(TokenizeResponse))]
[JsonSerializable(typeof(DetokenizeRequest))]
[JsonSerializable(typeof(DetokenizeResponse))]
[JsonSerializable(typeof(HealthResponse))]
[JsonSerializable(typeof(SessionDeleted))]
[JsonSerializable(typeof(SessionTranscript))]
[JsonSerializable(typeof(ContentPart))]
[JsonSerializable(typeof(UsageResponse))]
public sealed partial class PlatformJsonContext : JsonSerializerContext;
