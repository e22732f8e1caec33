using System.Net.Http.Headers;
using System.Text;
using Platform.TestSupport.Http;

namespace Platform.Silo.Tests.Serving.Fuzz;

/// <summary>The two ways a fuzz case reaches the server: HttpClient for well-framed requests, a raw socket for the rest.</summary>
public static class FuzzSend
{
    /// <summary>A request with <paramref name="body"/> sent as <paramref name="contentType"/> (none when null).</summary>
    public static Func<FuzzTarget, CancellationToken, Task<FuzzOutcome>> Http(HttpMethod method, string path, byte[]? body = null,
        string? contentType = "application/json", Action<HttpRequestMessage>? configure = null) => async (target, ct) =>
    {
        using var request = new HttpRequestMessage(method, path);
        if (body is not null)
        {
            request.Content = new ByteArrayContent(body);
            if (contentType is not null)
                request.Content.Headers.TryAddWithoutValidation("Content-Type", contentType);
        }
        configure?.Invoke(request);
        try
        {
            using var response = await target.Client.SendAsync(request, ct);
            return new FuzzOutcome((int)response.StatusCode, response.Content.Headers.ContentType?.MediaType,
                await response.Content.ReadAsStringAsync(ct));
        }
        catch (HttpRequestException)
        {
            return FuzzOutcome.Closed;
        }
    };

    /// <summary>A POST of JSON text.</summary>
    public static Func<FuzzTarget, CancellationToken, Task<FuzzOutcome>> Json(string path, string json) =>
        Http(HttpMethod.Post, path, Encoding.UTF8.GetBytes(json));

    /// <summary>Bytes written as they are on a fresh connection, then one response read.</summary>
    public static Func<FuzzTarget, CancellationToken, Task<FuzzOutcome>> Raw(byte[] request) => async (target, ct) =>
        Outcome(await RawHttp.ExchangeAsync(target.Address, request, ct));

    /// <summary>The request head, then the body in pieces with a pause before each; then one response read.</summary>
    public static Func<FuzzTarget, CancellationToken, Task<FuzzOutcome>> Trickle(byte[] head, byte[] body, int pieces, TimeSpan pause) =>
        async (target, ct) =>
        {
            await using var http = await RawHttp.ConnectAsync(target.Address, ct);
            await http.WriteAsync(head, ct);
            var size = Math.Max(1, body.Length / Math.Max(1, pieces));
            var reading = http.ReadResponseAsync(ct);
            for (var at = 0; at < body.Length && !reading.IsCompleted; at += size)
            {
                await Task.WhenAny(reading, Task.Delay(pause, ct));
                if (!reading.IsCompleted)
                    await http.WriteAsync(body.AsMemory(at, Math.Min(size, body.Length - at)), ct);
            }
            return Outcome(await reading);
        };

    static FuzzOutcome Outcome(RawResponse? response) => response is null
        ? FuzzOutcome.Closed
        : new FuzzOutcome(response.Status, response.Headers.TryGetValue("Content-Type", out var type)
            ? MediaTypeHeaderValue.TryParse(type, out var media) ? media.MediaType : type
            : null, response.Body);
}
