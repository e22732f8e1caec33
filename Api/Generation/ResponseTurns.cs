using System.Text.Json;
using Platform.Api.OpenAI.Requests;
using Platform.Api.OpenAI.Responses;
using Platform.Api.OpenAI.Validation;
using Platform.Grains.Interfaces.Generation;
using Platform.Grains.Interfaces.Responses;

namespace Platform.Api.Generation;

/// <summary>Turns a validated Responses request into the turn its response grain runs.</summary>
internal static class ResponseTurns
{
    /// <summary>The turn of <paramref name="request"/> for <paramref name="tenant"/>, with fresh response and message ids.</summary>
    public static ResponseTurn From(ResponseRequest request, string tenant) => new()
    {
        ResponseId = ResponseIds.NewResponseId(),
        Tenant = tenant,
        Model = request.Model!,
        MessageId = ResponseIds.NewMessageId(),
        CreatedAt = ResponseIds.UnixNow(),
        PreviousResponseId = request.PreviousResponseId,
        Instructions = request.Instructions,
        Input = ResponseInputReader.Read(request.Input).Messages!,
        MaxOutputTokens = request.MaxOutputTokens,
        Sampling = new SamplingSettings
        {
            Temperature = (float)(request.Temperature ?? 1.0),
            TopP = (float)(request.TopP ?? 1.0),
        },
        Store = request.Store ?? true,
        TruncateOldest = request.Truncation == "auto",
        AffinityKey = request.PromptCacheKey is { Length: > 0 } key ? $"cache-key:{key}" : null,
        OutputConstraint = Constraint(Format(request)),
        Settings = new ResponseSettings
        {
            Temperature = request.Temperature ?? 1.0,
            TopP = request.TopP ?? 1.0,
            MaxOutputTokens = request.MaxOutputTokens,
            Metadata = request.Metadata is { ValueKind: JsonValueKind.Object } metadata
                ? metadata.EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetString()!)
                : [],
            User = request.User,
            SafetyIdentifier = request.SafetyIdentifier,
            PromptCacheKey = request.PromptCacheKey,
            Truncation = request.Truncation ?? "disabled",
            ParallelToolCalls = request.ParallelToolCalls ?? true,
            ToolChoice = request.ToolChoice is { ValueKind: JsonValueKind.String } choice ? choice.GetString()! : "auto",
            MaxToolCalls = request.MaxToolCalls,
            ServiceTier = "default",
            TopLogprobs = request.TopLogprobs ?? 0,
            PromptCacheRetention = request.PromptCacheRetention,
            TextFormat = Format(request) is { } format && format.GetProperty("type").GetString() != "text" ? format.GetRawText() : null,
        },
    };

    /// <summary>The validated `text.format` object, or null when the request set none.</summary>
    static JsonElement? Format(ResponseRequest request) =>
        request.Text is { ValueKind: JsonValueKind.Object } text && text.TryGetProperty("format", out var format) && format.ValueKind == JsonValueKind.Object
            ? format : null;

    /// <summary>What the replica's constrained decoder must enforce for <paramref name="format"/>; null for plain text.</summary>
    static OutputConstraint? Constraint(JsonElement? format) => format?.GetProperty("type").GetString() switch
    {
        "json_object" => new OutputConstraint { Kind = OutputConstraintKind.JsonObject, Param = "text.format" },
        "json_schema" => OutputFormatReader.JsonSchemaConstraint(format.Value, "text.format"),
        _ => null,
    };
}
