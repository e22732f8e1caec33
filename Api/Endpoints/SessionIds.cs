using System.Text.RegularExpressions;
using Platform.Api.OpenAI.Errors;

namespace Platform.Api.Endpoints;

/// <summary>The one rule for session ids, applied to the `X-Session-Id` header and to the `/v1/sessions/{id}` path alike.</summary>
public static partial class SessionIds
{
    public const int MaxLength = 128;

    // Only characters that need no escaping in a URL path segment: an id created through the header must be
    // readable and deletable through the path, and `/` or `%` would not survive the trip.
    [GeneratedRegex("^[A-Za-z0-9._:-]{1,128}$")]
    private static partial Regex Allowed();

    /// <summary>Null when <paramref name="id"/> is a valid session id, else the 400 that says what is allowed.</summary>
    public static ApiError? Refuse(string id, string param) =>
        Allowed().IsMatch(id) && id is not "." and not ".."
            ? null
            : ApiError.InvalidRequest(param,
                $"Invalid session id: use 1 to {MaxLength} characters from A-Z, a-z, 0-9, '.', '_', ':' and '-' (and not '.' or '..' alone).",
                "invalid_value");
}
