using System.Text.Json;

namespace Platform.Silo.Benchmarks;

/// <summary>What a benchmark needs from one streamed completion or chat chunk: whether it carries generated text, and the usage if it is the usage chunk.</summary>
public readonly record struct CompletionChunk(bool HasContent, (int Prompt, int Completion)? Usage)
{
    /// <summary>Reads one event's JSON (completions' `text` or chat's `delta.content`); an `error` event throws with the server's message.</summary>
    public static CompletionChunk Parse(string data)
    {
        using var document = JsonDocument.Parse(data);
        var root = document.RootElement;
        if (root.TryGetProperty("error", out var error))
            throw new HttpRequestException($"the server reported an error mid-stream: {error.GetRawText()}");
        var hasContent = false;
        if (root.TryGetProperty("choices", out var choices))
            foreach (var choice in choices.EnumerateArray())
            {
                var text = choice.TryGetProperty("text", out var t) ? t
                    : choice.TryGetProperty("delta", out var delta) && delta.TryGetProperty("content", out var c) ? c
                    : default;
                hasContent |= text.ValueKind == JsonValueKind.String && text.GetString()!.Length > 0;
            }
        (int, int)? usage = root.TryGetProperty("usage", out var u) && u.ValueKind == JsonValueKind.Object
            ? (u.GetProperty("prompt_tokens").GetInt32(), u.GetProperty("completion_tokens").GetInt32())
            : null;
        return new CompletionChunk(hasContent, usage);
    }
}
