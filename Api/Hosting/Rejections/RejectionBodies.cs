using System.Collections.Concurrent;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.AspNetCore.WebUtilities;
using Platform.Api.OpenAI;
using Platform.Api.OpenAI.Errors;

namespace Platform.Api.Hosting.Rejections;

/// <summary>The encoded envelope of each rejection status, built once per status from the server's limits.</summary>
internal sealed class RejectionBodies(KestrelServerLimits limits)
{
    readonly ConcurrentDictionary<int, RejectionBody> _byStatus = new();

    /// <summary>The headers and JSON body that replace `Content-Length: 0` for <paramref name="status"/>.</summary>
    public RejectionBody For(int status) => _byStatus.GetOrAdd(status, static (s, l) => Build(s, RejectionErrors.For(s, l)), limits);

    static RejectionBody Build(int kestrelStatus, ApiError error)
    {
        var json = JsonSerializer.SerializeToUtf8Bytes(ErrorResponse.From(error), OpenAIJsonContext.Default.ErrorResponse);
        var headers = Encoding.ASCII.GetBytes(string.Create(CultureInfo.InvariantCulture,
            $"Content-Type: application/json\r\nContent-Length: {json.Length}\r\n"));
        var status = error.StatusCode == kestrelStatus ? null : Encoding.ASCII.GetBytes(string.Create(CultureInfo.InvariantCulture,
            $"{error.StatusCode} {ReasonPhrases.GetReasonPhrase(error.StatusCode)}\r\n"));
        return new RejectionBody(status, headers, json);
    }
}

/// <summary>
/// One rejection's envelope: the status and reason that replace Kestrel's (null to keep them), the header lines
/// (`Content-Type`, `Content-Length`) that replace `Content-Length: 0`, and the JSON.
/// </summary>
internal sealed record RejectionBody(byte[]? Status, byte[] Headers, byte[] Json);
