using System.Text;
using Platform.Grains.Interfaces.Generation;

namespace Platform.Api.Generation;

/// <summary>One choice of a non-streamed response, gathered from its chunks.</summary>
internal sealed class ChoiceResult
{
    readonly StringBuilder _text = new();

    public List<TokenLogprobData> Logprobs { get; } = [];

    /// <summary>Where each token of <see cref="Logprobs"/> starts in <see cref="Text"/>.</summary>
    public List<int> TextOffsets { get; } = [];

    public string Text => _text.ToString();

    public int GeneratedTokens { get; private set; }

    public string? FinishReason { get; private set; }

    /// <summary>Tool calls read from the output.</summary>
    public ToolCallShapes.Gathered ToolCalls { get; } = new();

    /// <summary>Adds a chunk; the final one brings the finish reason.</summary>
    public void Add(TokenChunk chunk)
    {
        if (chunk.Logprobs is not null)
        {
            Logprobs.AddRange(chunk.Logprobs);
            TextOffsets.AddRange(LogprobShapes.TextOffsets(chunk, _text.Length));
        }
        _text.Append(chunk.Text);
        if (chunk.ToolCalls is { } calls)
            ToolCalls.Add(calls);
        GeneratedTokens += chunk.TokenIds.Count;
        FinishReason ??= chunk.FinishReason;
    }
}
