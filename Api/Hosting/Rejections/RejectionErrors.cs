using System.Globalization;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Platform.Api.OpenAI.Errors;

namespace Platform.Api.Hosting.Rejections;

/// <summary>
/// The OpenAI errors for the requests Kestrel refuses itself, by status: Kestrel's response carries only the status,
/// so the message says what that status means for this server, with the limits it enforces.
/// </summary>
internal static class RejectionErrors
{
    /// <summary>The error for a Kestrel rejection with <paramref name="status"/>, under the server's <paramref name="limits"/>.</summary>
    public static ApiError For(int status, KestrelServerLimits limits) => status switch
    {
        400 => Error(400, "The request is not valid HTTP/1.1: a malformed request line, header, Host or Content-Length, "
            + "a header with non-ASCII bytes, or bad chunked framing.", "malformed_request"),
        405 => Error(405, "The HTTP method is not allowed for this request target.", "method_not_allowed"),
        408 => RequestTimeout(),
        411 => Error(411, "A request with a body needs Content-Length or Transfer-Encoding: chunked.", "length_required"),
        413 => ApiError.RequestTooLarge(limits.MaxRequestBodySize ?? long.MaxValue),
        414 => Error(414, $"The request line (method, URL and version) is longer than {Format(limits.MaxRequestLineSize)} bytes.",
            "request_line_too_long"),
        431 => Error(431, $"The request headers are larger than {Format(limits.MaxRequestHeadersTotalSize)} bytes "
            + $"or more than {Format(limits.MaxRequestHeaderCount)} fields.", "request_headers_too_large"),
        // Kestrel's 505 is the client's fault: answered as a 5xx it would count against every server-error alert and SLO.
        505 => Error(400, "The HTTP version is not supported: use HTTP/1.1 or HTTP/2.", "http_version_not_supported"),
        _ => Error(status, $"The server rejected the request as malformed HTTP (status {Format(status)}).", null),
    };

    /// <summary>408: the headers or the body arrived too slowly (Kestrel's minimum data rate or header timeout).</summary>
    public static ApiError RequestTimeout() =>
        Error(408, "The request timed out: its headers or body did not arrive in time (or arrived too slowly).", "request_timeout");

    static ApiError Error(int status, string message, string? code) => new(status, message, ApiError.InvalidRequestType, null, code);

    static string Format(long value) => value.ToString(CultureInfo.InvariantCulture);
}
