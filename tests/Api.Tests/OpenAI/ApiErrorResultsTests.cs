using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Platform.Api.OpenAI.Errors;

namespace Platform.Api.Tests.OpenAI;

public sealed class ApiErrorResultsTests
{
    static async Task<(int Status, string ContentType, string Body)> Execute(ApiError error)
    {
        var context = new DefaultHttpContext { RequestServices = new ServiceCollection().AddLogging().BuildServiceProvider() };
        context.Response.Body = new MemoryStream();

        await error.ToResult().ExecuteAsync(context);

        return (context.Response.StatusCode, context.Response.ContentType!, Encoding.UTF8.GetString(((MemoryStream)context.Response.Body).ToArray()));
    }

    [Fact]
    public async Task ErrorResultWritesTheStatusAndTheOpenAIEnvelope()
    {
        var (status, contentType, body) = await Execute(ApiError.BelowMinimum("n", 1L, 0L));

        Assert.Equal(400, status);
        Assert.StartsWith("application/json", contentType);
        Assert.Equal("""{"error":{"message":"Invalid 'n': integer below minimum value. Expected a value >= 1, but got 0 instead.","type":"invalid_request_error","param":"n","code":"integer_below_min_value"}}""", body);
    }

    [Fact]
    public async Task UnknownModelIsA404NamingTheModelParam()
    {
        var (status, _, body) = await Execute(ApiError.ModelNotFound("gpt-9"));

        Assert.Equal(404, status);
        Assert.Contains("\"param\":\"model\",\"code\":\"model_not_found\"", body);
        Assert.Contains("'gpt-9'", body);
    }
}
