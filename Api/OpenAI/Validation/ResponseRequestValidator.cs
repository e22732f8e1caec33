using Platform.Api.OpenAI.Requests;

namespace Platform.Api.OpenAI.Validation;

/// <summary>Turns a `POST /v1/responses` body into a validated <see cref="ResponseRequest"/> or the OpenAI error to answer with.</summary>
public static class ResponseRequestValidator
{
    /// <summary>Parses and validates a complete body.</summary>
    public static RequestValidation<ResponseRequest> Validate(ReadOnlySpan<byte> body) =>
        JsonBodyReader.Read(body, OpenAIJsonContext.Default.ResponseRequest, ExpectedTypes.Responses, ResponseRequestChecks.Check);

    /// <summary>Reads the body from <paramref name="body"/> (at most <paramref name="maxBytes"/>), then parses and validates it.</summary>
    public static Task<RequestValidation<ResponseRequest>> ValidateAsync(Stream body, int maxBytes, CancellationToken ct) =>
        JsonBodyReader.ReadAsync(body, OpenAIJsonContext.Default.ResponseRequest, ExpectedTypes.Responses, ResponseRequestChecks.Check, maxBytes, ct);
}
