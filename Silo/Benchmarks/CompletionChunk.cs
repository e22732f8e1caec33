using System.Text;
using System.Text.Json;

namespace Platform.Silo.Benchmarks;

/// <summary>
/// What a benchmark needs from one streamed completion or chat chunk: the generated text it carries, how many tokens its
/// logprobs list (0 when the server sent none), and the usage if it is the usage chunk.
/// </summary>
public readonly record struct CompletionChunk(string Text, ChunkUsage? Usage, int Tokens = 0)
{
    public bool HasContent => Text.Length > 0;

    /// <summary>Whether the chunk carries generated tokens: text, or logprobs of tokens whose bytes complete no character yet.</summary>
    public bool HasTokens => Tokens > 0 || HasContent;

    /// <summary>The tokens this chunk stands for: those its logprobs list, else one for a chunk with text.</summary>
    public int TokenCount => Tokens > 0 ? Tokens : HasContent ? 1 : 0;

    /// <summary>Reads one event's JSON (completions' `text` or chat's `delta.content`); an `error` event throws with the server's message.</summary>
    public static CompletionChunk Parse(string data)
    {
        using var document = JsonDocument.Parse(data);
        var root = document.RootElement;
        if (root.TryGetProperty("error", out var error))
            throw new HttpRequestException($"the server reported an error mid-stream: {error.GetRawText()}");
        var text = new StringBuilder();
        var tokens = 0;
        if (root.TryGetProperty("choices", out var choices))
            foreach (var choice in choices.EnumerateArray())
            {
                var piece = choice.TryGetProperty("text", out var t) ? t
                    : choice.TryGetProperty("delta", out var delta) && delta.TryGetProperty("content", out var c) ? c
                    : default;
                if (piece.ValueKind == JsonValueKind.String)
                    text.Append(piece.GetString());
                tokens += LoggedTokens(choice);
            }
        ChunkUsage? usage = root.TryGetProperty("usage", out var u) && u.ValueKind == JsonValueKind.Object
            ? new ChunkUsage(u.GetProperty("prompt_tokens").GetInt32(), u.GetProperty("completion_tokens").GetInt32(), CachedTokens(u))
            : null;
        return new CompletionChunk(text.ToString(), usage, tokens);
    }

    // Completions list `logprobs.tokens`, chats `logprobs.content` (one entry per token either way).
    private static int LoggedTokens(JsonElement choice)
    {
        if (!choice.TryGetProperty("logprobs", out var logprobs) || logprobs.ValueKind != JsonValueKind.Object)
            return 0;
        var list = logprobs.TryGetProperty("tokens", out var t) ? t : logprobs.TryGetProperty("content", out var c) ? c : default;
        return list.ValueKind == JsonValueKind.Array ? list.GetArrayLength() : 0;
    }

    // Servers without a prefix cache (and older vLLM) leave prompt_tokens_details out or null.
    private static int CachedTokens(JsonElement usage) =>
        usage.TryGetProperty("prompt_tokens_details", out var details) && details.ValueKind == JsonValueKind.Object
        && details.TryGetProperty("cached_tokens", out var cached) && cached.ValueKind == JsonValueKind.Number
            ? cached.GetInt32()
            : 0;
}
