namespace Platform.Api.OpenAI.Errors;

/// <summary>Turns an <see cref="ApiError"/> into the minimal-API result that writes OpenAI's error envelope.</summary>
public static class ApiErrorResults
{
    /// <summary>A JSON result with the error's status code and `{"error":{...}}` body.</summary>
    public static OpenAIJsonResult<ErrorResponse> ToResult(this ApiError error) =>
        new(ErrorResponse.From(error), OpenAIJsonContext.Default.ErrorResponse, error.StatusCode);
}
