using System.Net.Sockets;
using System.Text;

namespace Platform.TestSupport.Http;

/// <summary>
/// HTTP/1.1 over a bare socket, for requests no HttpClient would send (oversized or malformed heads, lying
/// Content-Length, raw bytes, bodies that trickle): writes what it is given and reads the responses back.
/// </summary>
public sealed class RawHttp : IAsyncDisposable
{
    readonly TcpClient _tcp;
    readonly NetworkStream _stream;
    readonly byte[] _buffer = new byte[64 * 1024];
    int _start, _end;

    RawHttp(TcpClient tcp)
    {
        _tcp = tcp;
        _stream = tcp.GetStream();
    }

    /// <summary>Opens a connection to the host and port of <paramref name="server"/>.</summary>
    public static async Task<RawHttp> ConnectAsync(Uri server, CancellationToken ct = default)
    {
        var tcp = new TcpClient { NoDelay = true };
        await tcp.ConnectAsync(server.Host, server.Port, ct);
        return new RawHttp(tcp);
    }

    /// <summary>Sends one request on a new connection and reads its response (null when the server closed without one).</summary>
    public static async Task<RawResponse?> ExchangeAsync(Uri server, byte[] request, CancellationToken ct)
    {
        await using var http = await ConnectAsync(server, ct);
        await http.WriteAsync(request, ct);
        return await http.ReadResponseAsync(ct);
    }

    /// <summary>A request head for <paramref name="method"/> <paramref name="target"/> with <paramref name="headers"/> (CRLF-joined, no trailing blank line).</summary>
    public static byte[] Request(string method, string target, string headers, byte[]? body = null)
    {
        var head = Encoding.Latin1.GetBytes($"{method} {target} HTTP/1.1\r\n{headers}{(headers.Length > 0 ? "\r\n" : "")}\r\n");
        return body is null ? head : [.. head, .. body];
    }

    /// <summary>Writes <paramref name="bytes"/>; a server that already answered and closed is not an error (the response is read next).</summary>
    public async Task WriteAsync(ReadOnlyMemory<byte> bytes, CancellationToken ct)
    {
        try
        {
            await _stream.WriteAsync(bytes, ct);
        }
        catch (IOException)
        {
        }
    }

    /// <summary>Reads one response (Content-Length, chunked or until close); null when the connection ends before a status line.</summary>
    public async Task<RawResponse?> ReadResponseAsync(CancellationToken ct)
    {
        var headEnd = await FindAsync("\r\n\r\n"u8.ToArray(), ct);
        if (headEnd < 0)
            return null;
        var head = Encoding.Latin1.GetString(_buffer, _start, headEnd - _start);
        _start = headEnd + 4;
        var lines = head.Split("\r\n");
        var statusLine = lines[0].Split(' ', 3);
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var line in lines.Skip(1))
        {
            var colon = line.IndexOf(':');
            if (colon > 0)
                headers[line[..colon].Trim()] = line[(colon + 1)..].Trim();
        }
        byte[] body;
        if (headers.TryGetValue("Content-Length", out var length))
            body = await ReadExactAsync(int.Parse(length), ct) ?? [];
        else if (headers.TryGetValue("Transfer-Encoding", out var te) && te.Contains("chunked", StringComparison.OrdinalIgnoreCase))
            body = await ReadChunkedAsync(ct);
        else
            body = await ReadToEndAsync(ct);
        return new RawResponse(int.Parse(statusLine[1]), headers, Encoding.UTF8.GetString(body));
    }

    async Task<byte[]> ReadChunkedAsync(CancellationToken ct)
    {
        var body = new MemoryStream();
        while (true)
        {
            var lineEnd = await FindAsync("\r\n"u8.ToArray(), ct);
            if (lineEnd < 0)
                return body.ToArray();
            var size = Convert.ToInt32(Encoding.ASCII.GetString(_buffer, _start, lineEnd - _start).Split(';')[0].Trim(), 16);
            _start = lineEnd + 2;
            var chunk = await ReadExactAsync(size + 2, ct);
            if (chunk is null)
                return body.ToArray();
            body.Write(chunk, 0, size);
            if (size == 0)
                return body.ToArray();
        }
    }

    async Task<byte[]?> ReadExactAsync(int count, CancellationToken ct)
    {
        var result = new byte[count];
        var filled = 0;
        while (filled < count)
        {
            if (_start == _end && !await FillAsync(ct))
                return filled == count ? result : null;
            var take = Math.Min(count - filled, _end - _start);
            Array.Copy(_buffer, _start, result, filled, take);
            _start += take;
            filled += take;
        }
        return result;
    }

    async Task<byte[]> ReadToEndAsync(CancellationToken ct)
    {
        var body = new MemoryStream();
        do
        {
            body.Write(_buffer, _start, _end - _start);
            _start = _end;
        }
        while (await FillAsync(ct));
        return body.ToArray();
    }

    async Task<int> FindAsync(byte[] marker, CancellationToken ct)
    {
        while (true)
        {
            var at = _buffer.AsSpan(_start, _end - _start).IndexOf(marker);
            if (at >= 0)
                return _start + at;
            if (!await FillAsync(ct))
                return -1;
        }
    }

    async Task<bool> FillAsync(CancellationToken ct)
    {
        if (_start > 0)
        {
            Array.Copy(_buffer, _start, _buffer, 0, _end - _start);
            _end -= _start;
            _start = 0;
        }
        if (_end == _buffer.Length)
            throw new InvalidDataException("A response head or chunk line is larger than the test client's buffer.");
        try
        {
            var read = await _stream.ReadAsync(_buffer.AsMemory(_end), ct);
            _end += read;
            return read > 0;
        }
        catch (IOException)
        {
            // A reset after the server's last byte ends the response like a close.
            return false;
        }
    }

    public ValueTask DisposeAsync()
    {
        _tcp.Dispose();
        return ValueTask.CompletedTask;
    }
}

/// <summary>One response read by <see cref="RawHttp"/>.</summary>
public sealed record RawResponse(int Status, IReadOnlyDictionary<string, string> Headers, string Body);
