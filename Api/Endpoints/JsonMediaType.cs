using Microsoft.AspNetCore.Http;
using Microsoft.Net.Http.Headers;
using Platform.Api.OpenAI.Errors;

namespace Platform.Api.Endpoints;

/// <summary>Refuses bodies that are not declared as uncompressed JSON, before any byte of them is parsed.</summary>
internal static class JsonMediaType
{
    /// <summary>415 in OpenAI's envelope, or null when the body is declared application/json without a content coding.</summary>
    public static ApiError? Check(HttpRequest request)
    {
        // A browser can send text/plain or a form cross-site without a preflight; only application/json forces one.
        if (!MediaTypeHeaderValue.TryParse(request.ContentType, out var type)
            || !type.MediaType.Equals("application/json", StringComparison.OrdinalIgnoreCase))
            return Unsupported($"The request body must be sent with 'Content-Type: application/json', not '{request.ContentType ?? "(none)"}'.");
        var encoding = request.Headers.ContentEncoding.ToString();
        // We never decompress, so a compressed body would otherwise be parsed as garbage.
        if (encoding.Length > 0 && !encoding.Trim().Equals("identity", StringComparison.OrdinalIgnoreCase))
            return Unsupported($"Content-Encoding '{encoding}' is not supported: send the body uncompressed (identity).");
        return null;
    }

    static ApiError Unsupported(string message) =>
        new(415, message, ApiError.InvalidRequestType, null, "unsupported_media_type");
}
