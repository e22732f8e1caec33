using System.IO.Pipelines;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.Server.Kestrel.Core;

namespace Platform.Api.Hosting.Rejections;

/// <summary>
/// Kestrel answers requests it cannot parse (414 request line too long, 431 headers too large, 400 bad Content-Length,
/// Host or header bytes, 408 headers too slow) before any middleware runs, with an empty body, and offers no hook to
/// change that body. This connection middleware is the supported place to reach those bytes: it wraps the connection's
/// output in a <see cref="RejectionEnvelopeWriter"/>, which gives them OpenAI's error envelope. Cost: three small
/// objects per connection; the app's own responses pass through untouched.
/// </summary>
public static class RejectionEnvelopeConnection
{
    /// <summary>Adds the envelope to every endpoint Kestrel listens on, those from URLs included.</summary>
    public static void UseRejectionEnvelope(this KestrelServerOptions kestrel)
    {
        ArgumentNullException.ThrowIfNull(kestrel);
        // The limits are read at the first rejection of each status, after every Configure<KestrelServerOptions> ran.
        var bodies = new RejectionBodies(kestrel.Limits);
        kestrel.ConfigureEndpointDefaults(listen => listen.Use(next => connection => RunAsync(next, connection, bodies)));
    }

    static async Task RunAsync(ConnectionDelegate next, ConnectionContext connection, RejectionBodies bodies)
    {
        var ownership = new ResponseOwnership();
        connection.Features.Set(ownership);
        var transport = connection.Transport;
        connection.Transport = new Transport(transport.Input, new RejectionEnvelopeWriter(transport.Output, ownership, bodies));
        try
        {
            await next(connection);
        }
        finally
        {
            connection.Transport = transport;
        }
    }

    sealed class Transport(PipeReader input, PipeWriter output) : IDuplexPipe
    {
        public PipeReader Input { get; } = input;

        public PipeWriter Output { get; } = output;
    }
}
