using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;

namespace Platform.Api.Hosting.Rejections;

/// <summary>
/// Puts the ownership marker first in every pipeline (the full API and a silo's health-only one alike), so the
/// connection's <see cref="RejectionEnvelopeWriter"/> can tell the app's responses from Kestrel's rejections.
/// </summary>
internal sealed class RejectionStartupFilter : IStartupFilter
{
    static readonly Func<object, Task> Completed = static state =>
    {
        ((ResponseOwnership)state).AppCompleted();
        return Task.CompletedTask;
    };

    public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
    {
        app.Use(static (http, nextMiddleware) =>
        {
            // Kestrel's HttpContext features fall back to the connection's, where the connection middleware put this.
            if (http.Features.Get<ResponseOwnership>() is { } ownership)
            {
                ownership.AppStarted();
                // OnCompleted runs after Kestrel wrote the app's response and before it parses the next request.
                http.Response.OnCompleted(Completed, ownership);
            }
            return nextMiddleware(http);
        });
        next(app);
    };
}
