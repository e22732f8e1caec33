using System.Text.Json.Nodes;

namespace Platform.Api.Tests.Endpoints.Support;

/// <summary>Splits an event-stream body into its `data:` payloads, checking the framing on the way.</summary>
public static class ServerSentEvents
{
    /// <summary>The JSON events before the closing `[DONE]`; fails unless every event is `data: …\n\n` and `[DONE]` comes last.</summary>
    public static IReadOnlyList<JsonNode> Parse(string body)
    {
        Assert.EndsWith("data: [DONE]\n\n", body);
        var events = body[..^"data: [DONE]\n\n".Length].Split("\n\n", StringSplitOptions.RemoveEmptyEntries);
        return events.Select(e =>
        {
            Assert.StartsWith("data: ", e);
            return JsonNode.Parse(e["data: ".Length..])!;
        }).ToList();
    }
}
