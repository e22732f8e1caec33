using Microsoft.AspNetCore.Http;
using Platform.Api.Hosting;
using Platform.Api.OpenAI.Errors;
using Platform.Api.OpenAI.Validation;
using Platform.Api.Telemetry;

namespace Platform.Api.Endpoints;

/// <summary>The start every model endpoint shares: read and validate the body, then refuse models that are not served.</summary>
internal static class RequestReading
{
    /// <summary>The valid request, or null once the error envelope (invalid body, extra refusal, unknown model) was written.</summary>
    public static async Task<T?> ReadForModelAsync<T>(this HttpContext http, ApiServices api,
        Func<Stream, int, CancellationToken, Task<RequestValidation<T>>> validate, Func<T, string> model, Func<T, ApiError?>? refuse = null)
        where T : class
    {
        if (JsonMediaType.Check(http.Request) is { } mediaError)
        {
            await http.WriteErrorAsync(mediaError);
            return null;
        }
        if (UnreadBodies.DeclaredOver(http.Request, api.Options.MaxRequestBodyBytes))
        {
            await http.WriteErrorAsync(ApiError.RequestTooLarge(api.Options.MaxRequestBodyBytes));
            UnreadBodies.LetKestrelDiscard(http);
            return null;
        }
        var validation = await validate(http.Request.Body, api.Options.MaxRequestBodyBytes, http.RequestAborted);
        var error = validation.IsValid
            ? refuse?.Invoke(validation.Request) ?? (api.Options.Serves(model(validation.Request)) ? null : ApiError.ModelNotFound(model(validation.Request)))
            : validation.Error;
        if (validation.IsValid && api.Options.Serves(model(validation.Request)))
            http.Telemetry()?.Model = model(validation.Request);
        if (error is null)
            return validation.Request;
        await http.WriteErrorAsync(error);
        return null;
    }
}
