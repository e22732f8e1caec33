using System.Text;
using Platform.Engine.ToolCalls;
using Platform.Grains.Catalog;
using Platform.Grains.Interfaces.Generation;

namespace Platform.Grains.Models;

/// <summary>
/// Reads tool calls out of one generation's chunks. Streamed: each chunk's text goes through the incremental parser,
/// so chunks carry content and call deltas as they are generated. Whole: text is held back and the finished output
/// is parsed once, strictly, the final chunk carrying the content and every call. A stop with calls becomes
/// <c>tool_calls</c>.
/// </summary>
internal sealed class ToolCallReader
{
    private readonly ToolCalling _settings;
    private readonly StreamingToolCallParser? _stream;
    private readonly ToolCallExtractor? _whole;
    private readonly StringBuilder _output = new();

    internal ToolCallReader(ToolCallFormat format, ToolCalling settings)
    {
        _settings = settings;
        if (settings.Streamed)
            _stream = new StreamingToolCallParser(format, settings.Parallel ? int.MaxValue : 1);
        else
            _whole = new ToolCallExtractor(format);
    }

    /// <summary>The reader for <paramref name="job"/>, null when it asks for no parsing; a 400 when the model has no tool-call format.</summary>
    public static ToolCallReader? For(ServedModel model, GenerationJob job)
    {
        if (job.Tools is not { Parse: true } settings)
            return null;
        var format = model.ToolCallFormat ?? throw new PlatformRequestException(PlatformRequestException.InvalidValue,
            $"Model '{model.Name}' has no tool-call format: its chat template shows none. Start the server with --tool-call-parser " +
            $"({string.Join(", ", ToolCallFormats.Names)}), or send tool_choice 'none'.", "tool_choice");
        return new ToolCallReader(format, settings);
    }

    public TokenChunk Read(TokenChunk chunk)
    {
        if (chunk.Error is not null)
            return chunk;
        return _stream is not null ? Streamed(chunk, _stream) : Whole(chunk);
    }

    private TokenChunk Streamed(TokenChunk chunk, StreamingToolCallParser parser)
    {
        var step = parser.Feed(chunk.Text);
        if (!chunk.IsFinal)
            return chunk with { Text = step.Content, ToolCalls = Deltas(step.Calls) };
        var last = parser.Finish();
        IReadOnlyList<ToolCallDelta> calls = last.Calls.Count == 0 ? step.Calls : [.. step.Calls, .. last.Calls];
        return chunk with { Text = step.Content + last.Content, ToolCalls = Deltas(calls), FinishReason = Finish(chunk.FinishReason, parser.CallCount) };
    }

    private TokenChunk Whole(TokenChunk chunk)
    {
        _output.Append(chunk.Text);
        if (!chunk.IsFinal)
            return chunk with { Text = "" };
        var output = _whole!.Extract(_output.ToString());
        var calls = _settings.Parallel ? output.Calls : output.Calls.Take(1).ToList();
        var deltas = calls.Select((c, i) => new ToolCallChunk(i, c.Id, c.Name, c.Arguments)).ToList();
        return chunk with
        {
            Text = calls.Count == 0 ? _output.ToString() : output.Content ?? "",
            ToolCalls = deltas.Count == 0 ? null : deltas,
            FinishReason = Finish(chunk.FinishReason, calls.Count),
        };
    }

    private static string? Finish(string? reason, int calls) => reason == "stop" && calls > 0 ? "tool_calls" : reason;

    /// <summary>The step's pieces, consecutive pieces of one call merged, so a client sees at most one entry per call per chunk.</summary>
    private static List<ToolCallChunk>? Deltas(IReadOnlyList<ToolCallDelta> calls)
    {
        if (calls.Count == 0)
            return null;
        var result = new List<ToolCallChunk>(calls.Count);
        foreach (var c in calls)
        {
            if (result.Count > 0 && result[^1] is var last && last.Index == c.Index && c.Id is null)
                result[^1] = last with { Arguments = last.Arguments + c.Arguments };
            else
                result.Add(new ToolCallChunk(c.Index, c.Id, c.Name, c.Arguments));
        }
        return result;
    }
}
