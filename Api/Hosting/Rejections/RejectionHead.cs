using System.Buffers;
using System.Buffers.Text;

namespace Platform.Api.Hosting.Rejections;

/// <summary>
/// Reads the response head Kestrel writes for a rejected request (`HTTP/1.1 431 …`, its headers with
/// `Content-Length: 0`, a blank line and no body) and writes it again with the OpenAI error body for its status.
/// </summary>
internal static class RejectionHead
{
    static ReadOnlySpan<byte> EmptyLength => "\r\nContent-Length: 0\r\n"u8;

    static ReadOnlySpan<byte> End => "\r\n\r\n"u8;

    /// <summary>Whether <paramref name="output"/> starts as an HTTP/1.x response.</summary>
    public static bool IsHttp1(ReadOnlySpan<byte> output) => output.StartsWith("HTTP/1."u8);

    /// <summary>
    /// Writes <paramref name="head"/> with an error body when it is a complete, body-less error head; false (nothing
    /// written) for anything else, which the caller forwards unchanged.
    /// </summary>
    public static bool TryWriteEnveloped(ReadOnlySpan<byte> head, RejectionBodies bodies, IBufferWriter<byte> output)
    {
        // "HTTP/1.1 " then three digits.
        if (head.Length < 12 || !head.EndsWith(End) || !Utf8Parser.TryParse(head.Slice(9, 3), out int status, out var digits)
            || digits != 3 || status < 400)
            return false;
        var lengthAt = head.IndexOf(EmptyLength);
        if (lengthAt < 0)
            return false;
        var body = bodies.For(status);
        // The status line (or "HTTP/1.1 " and our status), the headers up to the CRLF before Content-Length, then our
        // two headers, then the rest of the head.
        if (body.Status is { } replaced)
        {
            var headersAt = head.IndexOf("\r\n"u8) + 2;
            output.Write(head[..9]);
            output.Write(replaced);
            output.Write(head[headersAt..(lengthAt + 2)]);
        }
        else
        {
            output.Write(head[..(lengthAt + 2)]);
        }
        output.Write(body.Headers);
        output.Write(head[(lengthAt + EmptyLength.Length)..]);
        output.Write(body.Json);
        return true;
    }
}
