namespace Platform.Api.OpenAI.Errors;

/// <summary>The wire envelope `{"error": {...}}` of every error answer.</summary>
public sealed record ErrorResponse(ErrorBody Error)
{
    public static ErrorResponse From(ApiError error) => new(new ErrorBody(error.Message, error.Type, error.Param, error.Code));
}

/// <summary>The inner `error` object; `param` and `code` are always present, null when not applicable.</summary>
public sealed record ErrorBody(string Message, string Type, string? Param, string? Code);
