using Platform.Grains.Interfaces.Generation;
using Platform.Grains.Interfaces.Responses;

namespace Platform.Api.OpenAI.Responses;

/// <summary>Builds the wire response object: while it runs (from the turn), once finished (from the stored response), or failed.</summary>
public static class ResponseObjects
{
    /// <summary>The object of a finished response, the same whether just generated or read back by GET.</summary>
    public static ResponseObject Finished(StoredResponse response)
    {
        var incomplete = response.Status == StoredResponse.Incomplete;
        return Shell(response.Id, response.Model, response.CreatedAt, response.PreviousResponseId, response.Instructions, response.Store, response.Settings) with
        {
            Status = response.Status,
            CompletedAt = incomplete ? null : response.CompletedAt,
            IncompleteDetails = incomplete ? new ResponseIncompleteDetails("max_output_tokens") : null,
            Output = [Message(response.MessageId, response.Status, response.OutputText)],
            Usage = Usage(response.Usage),
        };
    }

    /// <summary>The object while the response is generated: no output yet, no usage.</summary>
    public static ResponseObject InProgress(ResponseTurn turn) =>
        Shell(turn.ResponseId, turn.Model, turn.CreatedAt, turn.PreviousResponseId, turn.Instructions, turn.Store, turn.Settings);

    /// <summary>The object of a response that failed while streaming, with the text produced before it failed.</summary>
    public static ResponseObject Failed(ResponseTurn turn, string code, string message, string text) => InProgress(turn) with
    {
        Status = "failed",
        Error = new ResponseErrorDetails(code, message),
        Output = text.Length == 0 ? [] : [Message(turn.MessageId, StoredResponse.Incomplete, text)],
    };

    /// <summary>The output message with <paramref name="status"/> and <paramref name="text"/>.</summary>
    public static ResponseOutputMessage Message(string id, string status, string text) =>
        new() { Id = id, Status = status, Content = [new ResponseOutputText { Text = text }] };

    public static ResponseUsage Usage(TokenUsage usage) => new()
    {
        InputTokens = usage.PromptTokens,
        InputTokensDetails = new ResponseInputTokensDetails { CachedTokens = usage.CachedTokens, CacheWriteTokens = usage.PromptTokens - usage.CachedTokens },
        OutputTokens = usage.CompletionTokens,
    };

    static ResponseObject Shell(string id, string model, long createdAt, string? previous, string? instructions, bool store, ResponseSettings s) => new()
    {
        Id = id,
        CreatedAt = createdAt,
        Status = "in_progress",
        Instructions = instructions,
        MaxOutputTokens = s.MaxOutputTokens,
        MaxToolCalls = s.MaxToolCalls,
        Model = model,
        Output = [],
        ParallelToolCalls = s.ParallelToolCalls,
        PreviousResponseId = previous,
        PromptCacheKey = s.PromptCacheKey,
        PromptCacheRetention = s.PromptCacheRetention,
        SafetyIdentifier = s.SafetyIdentifier,
        ServiceTier = s.ServiceTier,
        Store = store,
        Temperature = s.Temperature,
        Text = ResponseTextConfig.Of(s.TextFormat),
        ToolChoice = s.ToolChoice,
        TopLogprobs = s.TopLogprobs,
        TopP = s.TopP,
        Truncation = s.Truncation,
        User = s.User,
        Metadata = s.Metadata,
    };
}
