using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Microsoft.AspNetCore.Http;

namespace Platform.Api.OpenAI;

/// <summary>A minimal-API result that writes one OpenAI wire record as JSON with <see cref="OpenAIJsonContext.WriterOptions"/>.</summary>
public sealed class OpenAIJsonResult<T>(T value, JsonTypeInfo<T> typeInfo, int statusCode = StatusCodes.Status200OK) : IResult
{
    public int StatusCode => statusCode;

    public async Task ExecuteAsync(HttpContext httpContext)
    {
        var response = httpContext.Response;
        response.StatusCode = statusCode;
        response.ContentType = "application/json; charset=utf-8";
        await using (var writer = new Utf8JsonWriter(response.BodyWriter, OpenAIJsonContext.WriterOptions))
            JsonSerializer.Serialize(writer, value, typeInfo);
        await response.BodyWriter.FlushAsync(httpContext.RequestAborted);
    }
}
