using Platform.Api.OpenAI.Errors;
using Platform.Api.OpenAI.Requests;
using Platform.Api.OpenAI.Validation;

namespace Platform.Api.Wire;

/// <summary>Reads and checks `/tokenize` and `/detokenize` bodies, with the same error envelope as the OpenAI endpoints.</summary>
public static class TokenizerRequestValidator
{
    static readonly Dictionary<string, string> TokenizeTypes = new(StringComparer.Ordinal)
    {
        ["model"] = "a string", ["prompt"] = "a string", ["messages"] = "an array of messages", ["messages[]"] = "a message object",
        ["role"] = "a string", ["name"] = "a string", ["content"] = "a string or an array of content parts",
        ["add_special_tokens"] = "a boolean", ["add_generation_prompt"] = "a boolean",
    };

    static readonly Dictionary<string, string> DetokenizeTypes = new(StringComparer.Ordinal)
    {
        ["model"] = "a string", ["tokens"] = "an array of token ids", ["tokens[]"] = "a token id (integer)",
    };

    public static Task<RequestValidation<TokenizeRequest>> ValidateTokenizeAsync(Stream body, int maxBytes, CancellationToken ct) =>
        JsonBodyReader.ReadAsync(body, PlatformJsonContext.Default.TokenizeRequest, TokenizeTypes, Check, maxBytes, ct);

    public static Task<RequestValidation<DetokenizeRequest>> ValidateDetokenizeAsync(Stream body, int maxBytes, CancellationToken ct) =>
        JsonBodyReader.ReadAsync(body, PlatformJsonContext.Default.DetokenizeRequest, DetokenizeTypes, Check, maxBytes, ct);

    public static ApiError? Check(TokenizeRequest request)
    {
        if (string.IsNullOrWhiteSpace(request.Model))
            return ApiError.Missing("model");
        if ((request.Prompt is null) == (request.Messages is null))
            return ApiError.InvalidRequest(request.Prompt is null ? "prompt" : "messages",
                "Send exactly one of 'prompt' (text) or 'messages' (a chat conversation) to tokenize.", "invalid_value");
        // Messages follow the chat endpoint's rules (roles, content parts).
        return request.Messages is null ? null : ChatRequestValidator.Instance.Check(new ChatCompletionRequest { Model = request.Model, Messages = request.Messages });
    }

    public static ApiError? Check(DetokenizeRequest request)
    {
        if (string.IsNullOrWhiteSpace(request.Model))
            return ApiError.Missing("model");
        if (request.Tokens is null)
            return ApiError.Missing("tokens");
        for (var i = 0; i < request.Tokens.Count; i++)
            if (request.Tokens[i] < 0)
                return ApiError.BelowMinimum($"tokens[{i}]", 0L, request.Tokens[i]);
        return null;
    }
}
