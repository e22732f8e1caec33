using System.Text.Json.Serialization.Metadata;
using Platform.Api.OpenAI.Errors;
using Platform.Api.OpenAI.Requests;

namespace Platform.Api.OpenAI.Validation;

/// <summary>
/// Turns a generation endpoint's body into a validated <typeparamref name="T"/> or the OpenAI error to answer with:
/// JSON with field-named type errors, then the sampling fields every endpoint shares, then the endpoint's own fields.
/// </summary>
public abstract class GenerationRequestValidator<T> where T : GenerationRequest
{
    readonly JsonTypeInfo<T> _typeInfo;
    readonly IReadOnlyDictionary<string, string> _expectedTypes;

    private protected GenerationRequestValidator(JsonTypeInfo<T> typeInfo, IReadOnlyDictionary<string, string> expectedTypes)
    {
        _typeInfo = typeInfo;
        _expectedTypes = expectedTypes;
    }

    /// <summary>Parses and validates a complete body.</summary>
    public RequestValidation<T> Validate(ReadOnlySpan<byte> body) =>
        JsonBodyReader.Read(body, _typeInfo, _expectedTypes, Check);

    /// <summary>Reads the body from <paramref name="body"/> (at most <paramref name="maxBytes"/>), then parses and validates it.</summary>
    public Task<RequestValidation<T>> ValidateAsync(Stream body, int maxBytes, CancellationToken ct) =>
        JsonBodyReader.ReadAsync(body, _typeInfo, _expectedTypes, Check, maxBytes, ct);

    /// <summary>The first problem with an already parsed request, or null when it is valid.</summary>
    public ApiError? Check(T request) => GenerationRequestChecks.Check(request) ?? CheckOwnFields(request);

    /// <summary>The first problem with the fields only this endpoint has, or null.</summary>
    private protected abstract ApiError? CheckOwnFields(T request);
}
