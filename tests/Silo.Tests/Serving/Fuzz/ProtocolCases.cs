using System.Text;
using Platform.TestSupport.Http;

namespace Platform.Silo.Tests.Serving.Fuzz;

/// <summary>Hostile requests at the HTTP level on every route: wrong methods, unknown paths, odd session ids, oversized heads and URLs, broken framing.</summary>
public static class ProtocolCases
{
    public const string Method = "wrong method";
    public const string Path = "unknown path";
    public const string Session = "hostile session id";
    public const string Headers = "huge headers";
    public const string Url = "long URL";
    public const string Framing = "bad framing (Content-Length, Host, chunks)";

    /// <summary>Every route and the methods it answers.</summary>
    static readonly (string Path, string[] Methods)[] Routes =
    [
        ("/v1/chat/completions", ["POST"]), ("/v1/completions", ["POST"]), ("/v1/models", ["GET"]), ("/v1/models/qwen", ["GET"]),
        ("/v1/sessions/fuzz-none", ["GET", "DELETE"]), ("/tokenize", ["POST"]), ("/detokenize", ["POST"]), ("/health", ["GET"]),
        ("/metrics", ["GET"]),
    ];

    static readonly string[] Methods = ["GET", "POST", "PUT", "PATCH", "DELETE", "OPTIONS", "TRACE", "FUZZ"];

    /// <summary>All the cases.</summary>
    public static IEnumerable<FuzzCase> All()
    {
        var json = Encoding.UTF8.GetBytes(FuzzBodies.ChatBody().ToJsonString());
        foreach (var (path, allowed) in Routes)
            foreach (var method in Methods.Except(allowed))
                yield return new(Method, $"{method} {path}", FuzzSend.Http(new HttpMethod(method), path, method is "GET" or "TRACE" ? null : json));

        foreach (var path in new[] { "/", "/v1", "/v1/", "/v2/models", "/v1/chat", "/v1/chat/completions/extra", "/v1/embeddings", "/v1/responses",
            "/v1/files", "/v1/engines/llama/completions", "/.env", "/admin", "/v1/models/no-such-model", "/v1/models/qwen/../../../etc/passwd",
            "/%00", "/v1/%2e%2e/%2e%2e/etc/passwd", "/v1/sessions", "/v1/sessions/", "/metrics/x", "/health/x", "/tokenize/x", "/v1/models/%FF" })
        {
            yield return new(Path, $"GET {path}", FuzzSend.Http(HttpMethod.Get, path));
            yield return new(Path, $"POST {path}", FuzzSend.Http(HttpMethod.Post, path, json));
        }

        foreach (var id in new[] { "team%2Falice", "..", ".", "%2E%2E", "%00", "a%20b", "caf%C3%A9", "%FF%FE", "%3Cscript%3E", new string('a', 129),
            "a%0D%0AX-Injected:%201", "id%25", "no-such-session" })
        {
            yield return new(Session, $"GET /v1/sessions/{FuzzText.Shorten(id, 24)}", FuzzSend.Http(HttpMethod.Get, $"/v1/sessions/{id}"));
            yield return new(Session, $"DELETE /v1/sessions/{FuzzText.Shorten(id, 24)}", FuzzSend.Http(HttpMethod.Delete, $"/v1/sessions/{id}"));
        }
        // A valid chat with a session id the API must refuse (it would be stored under a name no URL reaches).
        foreach (var id in new[] { "team/alice", "..", "a b", "%2F", new string('a', 129), "id?x=1", "<script>" })
            yield return new(Session, $"X-Session-Id '{FuzzText.Shorten(id, 24)}'",
                FuzzSend.Http(HttpMethod.Post, "/v1/chat/completions", json, configure: r => r.Headers.TryAddWithoutValidation("X-Session-Id", id)));
        foreach (var raw in new byte[][] { [0xC3, 0xA9], [0xFF], [0x00] })
            yield return new(Session, $"X-Session-Id bytes {Convert.ToHexString(raw)}", FuzzSend.Raw([.. RawHttp.Request("POST", "/v1/chat/completions",
                $"Host: x\r\nContent-Type: application/json\r\nContent-Length: {json.Length}\r\nX-Session-Id: s")[..^4], .. raw, .. "\r\n\r\n"u8.ToArray(), .. json]));

        foreach (var (path, allowed) in Routes)
        {
            var method = allowed[0];
            var body = method == "POST" ? json : null;
            yield return new(Headers, $"{method} {path} one 40 KiB header", FuzzSend.Raw(Request(method, path, "X-Big: " + new string('a', 40 << 10), body)));
            yield return new(Headers, $"{method} {path} 150 headers", FuzzSend.Raw(Request(method, path,
                string.Join("\r\n", Enumerable.Range(0, 150).Select(i => $"X-H{i}: {i}")), body)));
            yield return new(Headers, $"{method} {path} 1 MiB Authorization", FuzzSend.Raw(Request(method, path, "Authorization: Bearer " + new string('k', 1 << 20), body)));
            yield return new(Url, $"{method} {path} 10 KiB query", FuzzSend.Raw(Request(method, path + "?q=" + new string('q', 10 << 10), "", body)));
            yield return new(Url, $"{method} {path} 10 KiB path", FuzzSend.Raw(Request(method, path + "/" + new string('p', 10 << 10), "", body)));
            yield return new(Url, $"{method} {path} 1 MiB path", FuzzSend.Raw(Request(method, path + "/" + new string('p', 1 << 20), "", body)));
        }

        foreach (var (path, valid) in FuzzBodies.Endpoints.DistinctBy(e => e.Path))
        {
            // The endpoint's own valid body, so only the framing is wrong.
            var text = valid().ToJsonString();
            var length = Encoding.UTF8.GetByteCount(text);
            Func<string, string, FuzzCase> framing = (label, request) => new(Framing, $"{path} {label}", FuzzSend.Raw(Encoding.Latin1.GetBytes(request)));
            var head = $"POST {path} HTTP/1.1\r\nContent-Type: application/json\r\n";
            yield return framing("Content-Length abc", $"{head}Host: x\r\nContent-Length: abc\r\n\r\n{text}");
            yield return framing("Content-Length -1", $"{head}Host: x\r\nContent-Length: -1\r\n\r\n{text}");
            yield return framing("Content-Length 1.5", $"{head}Host: x\r\nContent-Length: 1.5\r\n\r\n{text}");
            yield return framing("Content-Length past long", $"{head}Host: x\r\nContent-Length: 99999999999999999999\r\n\r\n{text}");
            yield return framing("two Content-Lengths", $"{head}Host: x\r\nContent-Length: {length}\r\nContent-Length: 3\r\n\r\n{text}");
            yield return framing("Transfer-Encoding gzip", $"{head}Host: x\r\nTransfer-Encoding: gzip\r\n\r\n{text}");
            yield return framing("bad chunk size", $"{head}Host: x\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n{text}\r\n0\r\n\r\n");
            yield return framing("chunk longer than said", $"{head}Host: x\r\nTransfer-Encoding: chunked\r\n\r\n2\r\n{text}\r\n0\r\n\r\n");
            yield return framing("Content-Length beyond the limit", $"{head}Host: x\r\nContent-Length: 1099511627776\r\n\r\n{text}");
            yield return framing("no Host", $"{head}Content-Length: {length}\r\n\r\n{text}");
            yield return framing("two Hosts", $"{head}Host: a\r\nHost: b\r\nContent-Length: {length}\r\n\r\n{text}");
            yield return framing("Host with a space", $"{head}Host: a b\r\nContent-Length: {length}\r\n\r\n{text}");
            yield return framing("Host not ASCII", $"{head}Host: caf\u00e9\r\nContent-Length: {length}\r\n\r\n{text}");
            yield return framing("header without colon", $"{head}Host: x\r\nNoColon\r\nContent-Length: {length}\r\n\r\n{text}");
            yield return framing("header name with space", $"{head}Host: x\r\nBad Name: 1\r\nContent-Length: {length}\r\n\r\n{text}");
            yield return framing("bare LF line ends", $"POST {path} HTTP/1.1\nHost: x\nContent-Type: application/json\nContent-Length: {length}\n\n{text}");
            yield return framing("NUL in the target", $"POST {path}\0 HTTP/1.1\r\nHost: x\r\n\r\n");
            yield return framing("target not starting with /", $"POST v1/completions HTTP/1.1\r\nHost: x\r\n\r\n");
            yield return framing("HTTP/1.7", $"POST {path} HTTP/1.7\r\nHost: x\r\n\r\n");
            yield return framing("garbage request line", "\u0001\u0002\u0003 garbage\r\n\r\n");
        }
    }

    static byte[] Request(string method, string path, string headers, byte[]? body) => RawHttp.Request(method, path,
        "Host: x" + (headers.Length > 0 ? "\r\n" + headers : "") + (body is null ? "" : $"\r\nContent-Type: application/json\r\nContent-Length: {body.Length}"), body);

}
