using System.Collections.Concurrent;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Platform.Api.OpenAI;
using Platform.Api.OpenAI.Errors;

namespace Platform.Api.Hosting.Rejections;

/// <summary>The encoded envelope of each rejection status, built once per status from the server's limits.</summary>
internal sealed class RejectionBodies(KestrelServerLimits limits)
{
    readonly ConcurrentDictionary<int, RejectionBody> _byStatus = new();

    /// <summary>The headers and JSON body that replace `Content-Length: 0` for <paramref name="status"/>.</summary>
    public RejectionBody For(int status) => _byStatus.GetOrAdd(status, static (s, l) => Build(RejectionErrors.For(s, l)), limits);

    static RejectionBody Build(ApiError error)
    {
        var json = JsonSerializer.SerializeToUtf8Bytes(ErrorResponse.From(error), OpenAIJsonContext.Default.ErrorResponse);
        var headers = Encoding.ASCII.GetBytes(string.Create(CultureInfo.InvariantCulture,
            $"Content-Type: application/json\r\nContent-Length: {json.Length}\r\n"));
        return new RejectionBody(headers, json);
    }
}

/// <summary>The header lines (`Content-Type`, `Content-Length`) and the JSON of one rejection's envelope.</summary>
internal sealed record RejectionBody(byte[] Headers, byte[] Json);
