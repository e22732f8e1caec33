using System.Diagnostics.CodeAnalysis;
using Platform.Api.OpenAI.Errors;

namespace Platform.Api.OpenAI.Validation;

/// <summary>The outcome of reading a request body: a validated request, or the error to answer with.</summary>
public readonly record struct RequestValidation<T>(T? Request, ApiError? Error) where T : class
{
    /// <summary>True when <see cref="Request"/> holds a request that passed every check.</summary>
    [MemberNotNullWhen(true, nameof(Request))]
    [MemberNotNullWhen(false, nameof(Error))]
    public bool IsValid => Error is null;

    public static implicit operator RequestValidation<T>(ApiError error) => new(null, error);
}
