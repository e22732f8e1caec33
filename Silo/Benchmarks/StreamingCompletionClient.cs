using System.Diagnostics;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace Platform.Silo.Benchmarks;

/// <summary>Sends one streaming completion (or chat) request over HTTP and times its server-sent events as they arrive.</summary>
public sealed class StreamingCompletionClient
{
    private const string ChatPath = "v1/chat/completions";
    private const string CompletionsPath = "v1/completions";

    private readonly HttpClient _http;
    private readonly string _model;
    private readonly int _maxTokens;
    private readonly bool _chat;

    /// <summary>A client for <paramref name="http"/>'s base address; <paramref name="model"/> is the served model name.</summary>
    public StreamingCompletionClient(HttpClient http, string model, int maxTokens, bool chat)
    {
        _http = http;
        _model = model;
        _maxTokens = maxTokens;
        _chat = chat;
    }

    /// <summary>Streams one greedy request for <paramref name="prompt"/> (one user message when chatting) and returns its timings and the server's usage.</summary>
    public Task<StreamedCompletion> SendAsync(string prompt, CancellationToken cancellationToken) =>
        _chat
            ? SendChatAsync([new BenchMessage("user", prompt)], cancellationToken)
            : StreamAsync(CompletionsPath, RequestBody(json => json.WriteString("prompt", prompt)), cancellationToken);

    /// <summary>Streams one greedy chat request with the whole conversation <paramref name="messages"/>, as OpenAI clients resend their history.</summary>
    public Task<StreamedCompletion> SendChatAsync(IReadOnlyList<BenchMessage> messages, CancellationToken cancellationToken) =>
        StreamAsync(ChatPath, RequestBody(json =>
        {
            json.WriteStartArray("messages");
            foreach (var message in messages)
            {
                json.WriteStartObject();
                json.WriteString("role", message.Role);
                json.WriteString("content", message.Content);
                json.WriteEndObject();
            }
            json.WriteEndArray();
        }), cancellationToken);

    private async Task<StreamedCompletion> StreamAsync(string path, byte[] body, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path)
        {
            Content = new ByteArrayContent(body) { Headers = { ContentType = new MediaTypeHeaderValue("application/json") } },
        };
        var started = Stopwatch.GetTimestamp();
        using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
        if (!response.IsSuccessStatusCode)
            throw new HttpRequestException($"{(int)response.StatusCode} {response.ReasonPhrase} from {request.RequestUri}: {await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false)}");
        await using var stream = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        var events = new SseEventReader(stream);
        long? firstContent = null;
        var lastContent = 0L;
        var gaps = new List<double>(_maxTokens);
        var text = new StringBuilder();
        ChunkUsage? usage = null;
        var done = false;
        while (await events.ReadEventAsync(cancellationToken).ConfigureAwait(false) is { } data)
        {
            if (data == "[DONE]")
            {
                done = true;
                break;
            }
            var chunk = CompletionChunk.Parse(data);
            var now = Stopwatch.GetTimestamp();
            if (chunk.HasTokens)
            {
                if (firstContent is null)
                    firstContent = now;
                else
                {
                    // A chunk standing for several tokens spreads its gap over them, as the server computed them.
                    var gap = Stopwatch.GetElapsedTime(lastContent, now).TotalSeconds / chunk.TokenCount;
                    for (var i = 0; i < chunk.TokenCount; i++) gaps.Add(gap);
                }
                lastContent = now;
                text.Append(chunk.Text);
            }
            usage = chunk.Usage ?? usage;
        }
        var latency = Stopwatch.GetElapsedTime(started).TotalSeconds;
        if (!done)
            throw new InvalidDataException("the event stream ended without `data: [DONE]`.");
        if (usage is not { } counts)
            throw new InvalidDataException("the stream carried no usage chunk although stream_options.include_usage was asked for.");
        if (firstContent is null && counts.Completion > 0)
            throw new InvalidDataException($"the server counted {counts.Completion} completion tokens but streamed no content.");
        var ttft = firstContent is { } first ? Stopwatch.GetElapsedTime(started, first).TotalSeconds : latency;
        return new StreamedCompletion(counts.Prompt, counts.Completion, ttft, gaps, latency, counts.Cached, text.ToString());
    }

    private byte[] RequestBody(Action<Utf8JsonWriter> writeInput)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("model", _model);
            writeInput(json);
            json.WriteNumber("max_tokens", _maxTokens);
            // Logprobs make every token its own event, also one whose bytes complete no character yet (the server holds
            // its text back), so the gaps measured are the gaps between tokens, not between characters.
            if (_chat)
            {
                json.WriteBoolean("logprobs", true);
                json.WriteNumber("top_logprobs", 0);
            }
            else
                json.WriteNumber("logprobs", 0);
            json.WriteNumber("temperature", 0);
            json.WriteBoolean("stream", true);
            json.WriteStartObject("stream_options");
            json.WriteBoolean("include_usage", true);
            json.WriteEndObject();
            json.WriteEndObject();
        }
        return buffer.ToArray();
    }
}
