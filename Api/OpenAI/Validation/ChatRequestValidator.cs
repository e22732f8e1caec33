using Platform.Api.OpenAI.Errors;
using Platform.Api.OpenAI.Requests;

namespace Platform.Api.OpenAI.Validation;

/// <summary>Turns a `/v1/chat/completions` body into a validated <see cref="ChatCompletionRequest"/> or the OpenAI error to answer with.</summary>
public sealed class ChatRequestValidator : GenerationRequestValidator<ChatCompletionRequest>
{
    /// <summary>The largest top_logprobs OpenAI accepts.</summary>
    public const int MaxTopLogprobs = 20;

    /// <summary>The validator (it holds no per-request state).</summary>
    public static ChatRequestValidator Instance { get; } = new();

    ChatRequestValidator() : base(OpenAIJsonContext.Default.ChatCompletionRequest, ExpectedTypes.Chat)
    {
    }

    private protected override ApiError? CheckOwnFields(ChatCompletionRequest request) =>
        Messages(request.Messages)
        ?? ToolChecks.Check(request)
        ?? GenerationRequestChecks.AtLeast("max_completion_tokens", request.MaxCompletionTokens, 1)
        ?? GenerationRequestChecks.Between("top_logprobs", request.TopLogprobs, 0, MaxTopLogprobs)
        ?? (request.TopLogprobs > 0 && request.Logprobs != true
            ? ApiError.InvalidRequest("top_logprobs", "Invalid value for 'top_logprobs': 'logprobs' must be set to true when 'top_logprobs' is used.", "invalid_value")
            : null);

    static ApiError? Messages(IReadOnlyList<ChatMessage>? messages)
    {
        if (messages is null)
            return ApiError.Missing("messages");
        if (messages.Count == 0)
            return ApiError.EmptyArray("messages");
        for (var i = 0; i < messages.Count; i++)
            if (Message(messages[i], $"messages[{i}]") is { } error)
                return error;
        return null;
    }

    static ApiError? Message(ChatMessage? message, string param)
    {
        if (message is null)
            return ApiError.InvalidType(param, "a message object");
        if (message.Role is null)
            return ApiError.Missing($"{param}.role");
        if (!ChatRoles.All.Contains(message.Role))
            return ApiError.InvalidValue($"{param}.role", message.Role, ChatRoles.All);
        if (message.Content is null)
        {
            // An assistant turn that only called tools has no content.
            var mayOmit = message.Role == ChatRoles.Assistant && message.ToolCalls is { Count: > 0 };
            return mayOmit ? ToolMessageChecks.Check(message, param) : ApiError.Missing($"{param}.content");
        }
        return ToolMessageChecks.Check(message, param) ?? Parts(message.Content.Parts, $"{param}.content");
    }

    static ApiError? Parts(IReadOnlyList<ContentPart>? parts, string param)
    {
        if (parts is null)
            return null;
        if (parts.Count == 0)
            return ApiError.EmptyArray(param);
        for (var j = 0; j < parts.Count; j++)
        {
            var part = parts[j];
            var partParam = $"{param}[{j}]";
            if (part.Type is null)
                return ApiError.Missing($"{partParam}.type");
            if (part.Type != "text")
                return ApiError.Unsupported($"{partParam}.type", $"content parts of type '{part.Type}' cannot be read by a text-only model; send 'text' parts");
            if (part.Text is null)
                return ApiError.Missing($"{partParam}.text");
        }
        return null;
    }
}
