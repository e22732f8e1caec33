using System.Text;

namespace Platform.Silo.Tests.Serving.Fuzz;

/// <summary>Bodies broken below the field level: invalid UTF-8, 10,000-deep nesting, bodies past the size limit, truncated or non-object JSON, wrong media types and encodings.</summary>
public static class MalformedBodyCases
{
    public const string Utf8 = "invalid UTF-8";
    public const string Deep = "deep JSON (10k levels)";
    public const string Huge = "huge JSON";
    public const string Truncated = "truncated or non-object JSON";
    public const string MediaType = "wrong Content-Type or -Encoding";

    static readonly byte[][] BadSequences =
    [
        [0xFF], [0xC3, 0x28], [0xC0, 0xAF], [0xED, 0xA0, 0x80], [0xF4, 0x90, 0x80, 0x80], [0xE2, 0x82], [0x80], [0xFE, 0xFF],
    ];

    /// <summary>All the cases.</summary>
    public static IEnumerable<FuzzCase> All(int maxBodyBytes)
    {
        foreach (var (path, body) in FuzzBodies.Endpoints)
        {
            var json = body().ToJsonString();
            foreach (var bad in BadSequences)
            {
                // Inside the model name, a string every body has.
                var at = json.IndexOf("\"model\":\"", StringComparison.Ordinal) + "\"model\":\"".Length;
                byte[] bytes = [.. Encoding.UTF8.GetBytes(json[..at]), .. bad, .. Encoding.UTF8.GetBytes(json[at..])];
                yield return Case(Utf8, path, $"bytes {Convert.ToHexString(bad)} in a string", FuzzSend.Http(HttpMethod.Post, path, bytes));
            }
            yield return Case(Utf8, path, "UTF-16 body", FuzzSend.Http(HttpMethod.Post, path, Encoding.Unicode.GetBytes(json)));
            yield return Case(Utf8, path, "lone surrogate escape in a key", FuzzSend.Json(path, json.Replace("\"model\"", "\"\\ud800model\"")));

            const int depth = 10_000;
            yield return Case(Deep, path, "body of nested arrays", FuzzSend.Json(path, new string('[', depth) + new string(']', depth)));
            yield return Case(Deep, path, "body of nested objects", FuzzSend.Json(path, Nest("{\"a\":", "}", depth, "1")));
            yield return Case(Deep, path, "nested arrays unclosed", FuzzSend.Json(path, new string('[', depth)));
            foreach (var field in body().Select(p => p.Key).Append("extra"))
            {
                var deep = body();
                deep[field] = "__deep__";
                yield return Case(Deep, path, $"{field} nested 10k deep",
                    FuzzSend.Json(path, deep.ToJsonString().Replace("\"__deep__\"", Nest("[", "]", depth, "1"), StringComparison.Ordinal)));
            }

            yield return Case(Huge, path, "body past the limit", FuzzSend.Http(HttpMethod.Post, path, Padded(json, maxBodyBytes + 1024)));
            yield return Case(Huge, path, "chunked body past the limit", FuzzSend.Http(HttpMethod.Post, path, Padded(json, maxBodyBytes + 1024),
                configure: r => r.Headers.TransferEncodingChunked = true));
            yield return Case(Huge, path, "8 MiB of whitespace", FuzzSend.Http(HttpMethod.Post, path, Encoding.ASCII.GetBytes(new string(' ', 8 << 20))));
            yield return Case(Huge, path, "8 MiB of unknown fields and no model", FuzzSend.Json(path,
                "{" + string.Join(',', Enumerable.Range(0, 400_000).Select(i => $"\"f{i}\":{i}")) + "}"));

            for (var cut = 1; cut < json.Length; cut += Math.Max(1, json.Length / 8))
                yield return Case(Truncated, path, $"first {cut} of {json.Length} characters", FuzzSend.Json(path, json[..cut]));
            foreach (var other in new[] { "", "null", "[]", "\"text\"", "42", "true", "{}", "{\"model\":null}", "[{}]", "{}{}", json + json, json + "x", "{\"model\":\"llama\",}", "{'model':'llama'}", "{\"model\":\"llama\"" })
                yield return Case(Truncated, path, $"body '{FuzzText.Shorten(other)}'", FuzzSend.Json(path, other));

            var bytesOfJson = Encoding.UTF8.GetBytes(json);
            foreach (var type in new[] { "text/plain", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x", "application/xml", "application/jsonx", "text/json;;", "*/*", null })
                yield return Case(MediaType, path, $"Content-Type {type ?? "(none)"}", FuzzSend.Http(HttpMethod.Post, path, bytesOfJson, type));
            foreach (var encoding in new[] { "gzip", "br", "deflate", "x-unknown", "gzip, gzip" })
                yield return Case(MediaType, path, $"Content-Encoding {encoding}", FuzzSend.Http(HttpMethod.Post, path, bytesOfJson,
                    configure: r => r.Content!.Headers.TryAddWithoutValidation("Content-Encoding", encoding)));
        }
    }

    static FuzzCase Case(string category, string path, string label, Func<FuzzTarget, CancellationToken, Task<FuzzOutcome>> send) =>
        new(category, $"{path} {label}", send);

    static string Nest(string open, string close, int depth, string inner) =>
        new StringBuilder(depth * (open.Length + close.Length) + inner.Length).Insert(0, open, depth).Append(inner).Insert(depth * open.Length + inner.Length, close, depth).ToString();

    // The valid body with a long "pad" string field, so the size alone is what is wrong.
    static byte[] Padded(string json, int size) => Encoding.ASCII.GetBytes(json[..^1] + ",\"pad\":\"" + new string('x', size) + "\"}");

}
