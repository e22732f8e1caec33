using Platform.Api.OpenAI.Errors;
using Platform.Api.OpenAI.Requests;

namespace Platform.Api.OpenAI.Validation;

/// <summary>Turns a `/v1/completions` body into a validated <see cref="CompletionRequest"/> or the OpenAI error to answer with.</summary>
public sealed class CompletionRequestValidator : GenerationRequestValidator<CompletionRequest>
{
    /// <summary>The most alternatives per position `logprobs` may ask for (vLLM's default cap; OpenAI's is 5).</summary>
    public const int MaxLogprobs = 20;

    /// <summary>The validator (it holds no per-request state).</summary>
    public static CompletionRequestValidator Instance { get; } = new();

    CompletionRequestValidator() : base(OpenAIJsonContext.Default.CompletionRequest, ExpectedTypes.Completion)
    {
    }

    private protected override ApiError? CheckOwnFields(CompletionRequest request) =>
        Prompt(request.Prompt)
        ?? GenerationRequestChecks.Between("logprobs", request.Logprobs, 0, MaxLogprobs)
        ?? (request.Echo == true ? ApiError.Unsupported("echo", "the prompt is not returned with the completion") : null)
        ?? (!string.IsNullOrEmpty(request.Suffix) ? ApiError.Unsupported("suffix", "inserting text needs a fill-in-the-middle model") : null)
        ?? (request.BestOf is { } bestOf && bestOf != (request.N ?? 1)
            ? ApiError.Unsupported("best_of", "every generated choice is returned; set n instead")
            : null);

    static ApiError? Prompt(CompletionPrompt? prompt)
    {
        if (prompt is null)
            return ApiError.Missing("prompt");
        if (prompt.Count == 0)
            return ApiError.EmptyArray("prompt");
        if (prompt.TokenIds is not { } prompts)
            return null;
        for (var i = 0; i < prompts.Count; i++)
        {
            var param = prompts.Count == 1 ? "prompt" : $"prompt[{i}]";
            if (prompts[i].Length == 0)
                return ApiError.EmptyArray(param);
            foreach (var id in prompts[i])
                if (id < 0)
                    return ApiError.BelowMinimum(param, 0L, id);
        }
        return null;
    }
}
