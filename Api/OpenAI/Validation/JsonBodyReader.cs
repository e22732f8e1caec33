using System.Buffers;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Platform.Api.OpenAI.Errors;

namespace Platform.Api.OpenAI.Validation;

/// <summary>Reads a JSON request body into a wire record, turning syntax and type problems into OpenAI errors that name the field.</summary>
internal static class JsonBodyReader
{
    /// <summary>Parses <paramref name="body"/>, then runs <paramref name="check"/> on the record.</summary>
    public static RequestValidation<T> Read<T>(ReadOnlySpan<byte> body, JsonTypeInfo<T> typeInfo,
        IReadOnlyDictionary<string, string> expectedTypes, Func<T, ApiError?> check) where T : class
    {
        if (!System.Text.Unicode.Utf8.IsValid(body))
            return ApiError.InvalidRequest(null, "The request body is not valid UTF-8: JSON bodies must be encoded as UTF-8.", "invalid_encoding");
        if (CheckSyntax(body) is { } syntaxError)
            return syntaxError;
        try
        {
            var request = JsonSerializer.Deserialize(body, typeInfo);
            if (request is null)
                return ApiError.MalformedJson("the body is null");
            return check(request) is { } error ? error : new RequestValidation<T>(request, null);
        }
        catch (JsonException e)
        {
            var param = ParamFromPath(e.Path);
            if (param is null)
                return ApiError.MalformedJson(e.Message);
            var field = FieldName(param);
            return expectedTypes.TryGetValue(field, out var expected) || expectedTypes.TryGetValue(field.TrimEnd('[', ']'), out expected)
                ? ApiError.InvalidType(param, expected)
                : ApiError.InvalidRequest(param, $"Invalid value for '{param}'.", "invalid_value");
        }
    }

    /// <summary>Reads the whole body from <paramref name="stream"/> (up to <paramref name="maxBytes"/>), then as <see cref="Read{T}"/>.</summary>
    public static async Task<RequestValidation<T>> ReadAsync<T>(Stream stream, JsonTypeInfo<T> typeInfo,
        IReadOnlyDictionary<string, string> expectedTypes, Func<T, ApiError?> check, int maxBytes, CancellationToken ct) where T : class
    {
        var buffer = ArrayPool<byte>.Shared.Rent(16 * 1024);
        var pooled = true;
        var length = 0;
        try
        {
            int read;
            while ((read = await stream.ReadAsync(buffer.AsMemory(length), ct).ConfigureAwait(false)) > 0)
            {
                length += read;
                if (length > maxBytes)
                    return ApiError.RequestTooLarge(maxBytes);
                if (length == buffer.Length)
                {
                    var size = buffer.Length * 2;
                    // The shared pool keeps what it is given, per core and size: one 16 MiB body would stay resident as
                    // megabytes of pooled arrays. Past PooledBytes the buffer is the GC's, gone at the next full collection.
                    var larger = size <= PooledBytes ? ArrayPool<byte>.Shared.Rent(size) : new byte[Math.Min(size, maxBytes + 1L)];
                    buffer.AsSpan(0, length).CopyTo(larger);
                    if (pooled)
                        ArrayPool<byte>.Shared.Return(buffer);
                    pooled = size <= PooledBytes;
                    buffer = larger;
                }
            }
            return Read(buffer.AsSpan(0, length), typeInfo, expectedTypes, check);
        }
        finally
        {
            if (pooled)
                ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    // Bodies up to this size read into pooled buffers; the common request is far smaller.
    const int PooledBytes = 1 << 20;

    // A separate pass over the tokens tells broken JSON (no param to blame) from a well-formed body with a wrongly typed field.
    static ApiError? CheckSyntax(ReadOnlySpan<byte> body)
    {
        var reader = new Utf8JsonReader(body);
        try
        {
            if (!reader.Read())
                return ApiError.MalformedJson("the body is empty");
            if (reader.TokenType != JsonTokenType.StartObject)
                return ApiError.MalformedJson($"the body is a JSON {reader.TokenType}, not an object");
            while (reader.Read())
            {
            }
            return null;
        }
        catch (JsonException e)
        {
            return ApiError.MalformedJson(SyntaxReason(e));
        }
    }

    // .NET's message ends in "LineNumber: 0 | BytePositionInLine: 0."; say where once, 1-based, without the trailing dot.
    static string SyntaxReason(JsonException e)
    {
        var what = e.Message;
        var at = what.IndexOf(" LineNumber:", StringComparison.Ordinal);
        what = (at < 0 ? what : what[..at]).TrimEnd().TrimEnd('.');
        return e.LineNumber is { } line && e.BytePositionInLine is { } position
            ? $"{what} (line {line + 1}, position {position + 1})"
            : what;
    }

    // "$.messages[0].content" → "messages[0].content"; "$['odd key']" → "odd key".
    static string? ParamFromPath(string? path)
    {
        if (string.IsNullOrEmpty(path) || path == "$")
            return null;
        var param = path.StartsWith("$.", StringComparison.Ordinal) ? path[2..] : path.TrimStart('$');
        return param.Replace("['", "", StringComparison.Ordinal).Replace("']", "", StringComparison.Ordinal);
    }

    // The field a path ends in, an element marked by "[]": "messages[0].role" → "role", "messages[2]" → "messages[]".
    static string FieldName(string param)
    {
        var last = param[(param.LastIndexOf('.') + 1)..];
        var bracket = last.IndexOf('[');
        return bracket < 0 ? last : last[..bracket] + "[]";
    }
}
