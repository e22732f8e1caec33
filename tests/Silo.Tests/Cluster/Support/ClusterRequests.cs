using System.Diagnostics;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;

namespace Platform.Silo.Tests.Cluster.Support;

/// <summary>The HTTP calls cluster tests make: chat turns, replica listings, and streams read event by event.</summary>
internal static class ClusterRequests
{
    /// <summary>POSTs a chat request (a session turn when <paramref name="sessionId"/> is set): status and parsed body.</summary>
    public static async Task<(int Status, JsonNode Body)> ChatAsync(HttpClient client, string content, int maxTokens, string? sessionId = null)
    {
        var body = new JsonObject
        {
            ["model"] = PlatformCluster.Model,
            ["messages"] = new JsonArray(new JsonObject { ["role"] = "user", ["content"] = content }),
            ["max_tokens"] = maxTokens,
            ["temperature"] = 0,
        };
        using var request = Json(HttpMethod.Post, "/v1/chat/completions", body.ToJsonString());
        if (sessionId is not null)
            request.Headers.Add("X-Session-Id", sessionId);
        using var response = await client.SendAsync(request);
        return ((int)response.StatusCode, JsonNode.Parse(await response.Content.ReadAsStringAsync())!);
    }

    /// <summary>GETs a path: status and parsed body.</summary>
    public static async Task<(int Status, JsonNode Body)> GetAsync(HttpClient client, string path)
    {
        using var response = await client.GetAsync(path);
        return ((int)response.StatusCode, JsonNode.Parse(await response.Content.ReadAsStringAsync())!);
    }

    /// <summary>The replicas `/v1/models` lists for the model: (id, silo, state, running).</summary>
    public static async Task<List<(string Id, string Silo, string State, int Running)>> ReplicasAsync(HttpClient client)
    {
        var (_, body) = await GetAsync(client, "/v1/models");
        return body["data"]![0]!["replicas"]!.AsArray()
            .Select(r => (r!["id"]!.GetValue<string>(), r["silo"]!.GetValue<string>(), r["state"]!.GetValue<string>(), r["running"]!.GetValue<int>()))
            .ToList();
    }

    /// <summary>
    /// Starts a streamed completion and returns once its first event arrived; <see cref="StreamResult.Ended"/> then
    /// completes when the stream closes, with how it ended.
    /// </summary>
    public static async Task<StreamResult> StartStreamAsync(HttpClient client, string prompt, int maxTokens)
    {
        var body = new JsonObject { ["model"] = PlatformCluster.Model, ["prompt"] = prompt, ["max_tokens"] = maxTokens, ["temperature"] = 0, ["stream"] = true };
        var request = Json(HttpMethod.Post, "/v1/completions", body.ToJsonString());
        var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        if ((int)response.StatusCode != 200)
            throw new InvalidOperationException($"stream refused: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        var reader = new StreamReader(await response.Content.ReadAsStreamAsync());
        var first = await reader.ReadLineAsync() ?? throw new InvalidOperationException("the stream closed before its first event");
        return new StreamResult(ReadRestAsync(reader, response, first));
    }

    private static async Task<StreamEnd> ReadRestAsync(StreamReader reader, HttpResponseMessage response, string first)
    {
        using var _ = response;
        using var __ = reader;
        string? finish = null, error = null;
        var done = false;
        for (var line = first; line is not null; line = await ReadLineOrNullAsync(reader))
        {
            if (!line.StartsWith("data: ", StringComparison.Ordinal))
                continue;
            var data = line["data: ".Length..];
            if (data == "[DONE]")
            {
                done = true;
                break;
            }
            var e = JsonNode.Parse(data)!;
            if (e["error"] is { } err)
                error = err["code"]?.GetValue<string>() ?? err["message"]!.GetValue<string>();
            else if (e["choices"]?[0]?["finish_reason"] is { } reason)
                finish = reason.GetValue<string>();
        }
        return new StreamEnd(finish, error, done, Stopwatch.GetTimestamp());
    }

    private static async Task<string?> ReadLineOrNullAsync(StreamReader reader)
    {
        try
        {
            return await reader.ReadLineAsync();
        }
        catch (Exception e) when (e is IOException or HttpRequestException)
        {
            // The connection broke: the stream ended without [DONE], which the caller sees.
            return null;
        }
    }

    private static HttpRequestMessage Json(HttpMethod method, string path, string json)
    {
        var request = new HttpRequestMessage(method, path) { Content = new StringContent(json, Encoding.UTF8, "application/json") };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        return request;
    }
}

/// <summary>A running stream; <see cref="Ended"/> completes when it closes.</summary>
internal sealed record StreamResult(Task<StreamEnd> Ended);

/// <summary>How a stream ended: its finish reason, or the error code of its error event; whether `[DONE]` closed it; when (a Stopwatch timestamp).</summary>
internal sealed record StreamEnd(string? FinishReason, string? Error, bool Done, long At);
