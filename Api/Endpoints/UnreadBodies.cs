using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace Platform.Api.Endpoints;

/// <summary>
/// A body declared larger than the limit is refused before a byte of it is read. Kestrel then refuses to discard a
/// body past its MaxRequestBodySize and resets the connection instead, so a client still uploading loses the 413 it
/// was sent; lifting the limit for this one request lets Kestrel discard the rest as it does any unread body, for at
/// most its request-body drain timeout (5 s), after which it closes the connection anyway.
/// </summary>
internal static class UnreadBodies
{
    /// <summary>True when the request declares a Content-Length over <paramref name="maxBytes"/>.</summary>
    public static bool DeclaredOver(HttpRequest request, long maxBytes) => request.ContentLength > maxBytes;

    /// <summary>Lets Kestrel drain the unread body after the response (possible only while nothing of it was read).</summary>
    public static void LetKestrelDiscard(HttpContext http)
    {
        if (http.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
            limit.MaxRequestBodySize = null;
    }
}
