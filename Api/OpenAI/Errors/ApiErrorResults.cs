using Microsoft.AspNetCore.Http;

namespace Platform.Api.OpenAI.Errors;

/// <summary>Turns an <see cref="ApiError"/> into the minimal-API result that writes OpenAI's error envelope.</summary>
public static class ApiErrorResults
{
    /// <summary>A JSON result with the error's status code and `{"error":{...}}` body.</summary>
    public static IResult ToResult(this ApiError error) =>
        Results.Json(ErrorResponse.From(error), OpenAIJsonContext.Default.ErrorResponse, statusCode: error.StatusCode);
}
