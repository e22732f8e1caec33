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
        ?? Choices(request)
        ?? GenerationRequestChecks.Between("logprobs", request.Logprobs, 0, MaxLogprobs)
        ?? (request.Echo == true ? ApiError.Unsupported("echo", "the prompt is not returned with the completion") : null)
        ?? (!string.IsNullOrEmpty(request.Suffix) ? ApiError.Unsupported("suffix", "inserting text needs a fill-in-the-middle model") : null)
        ?? (request.BestOf is { } bestOf && bestOf != (request.N ?? 1)
            ? ApiError.Unsupported("best_of", "every generated choice is returned; set n instead")
            : null);

    /// <summary>
    /// Every prompt × n is a sequence on a replica: one request of 100,000 prompts once crowded out every other client
    /// (429s) and 250 prompts × 1,000 tokens delayed a 2-token request by 96 s, so a request gets at most as many
    /// choices as `n` alone allows.
    /// </summary>
    static ApiError? Choices(CompletionRequest request)
    {
        var choices = (long)request.Prompt!.Count * (request.N ?? 1);
        return choices <= GenerationRequestChecks.MaxChoices ? null
            : ApiError.InvalidRequest("prompt",
                $"This request asks for {choices} completions ({request.Prompt.Count} prompts × n = {request.N ?? 1}); at most {GenerationRequestChecks.MaxChoices} are allowed per request. Send the prompts in several requests.",
                "too_many_choices");
    }

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
