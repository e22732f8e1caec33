using System.Text;
using Platform.Engine.ToolCalls;
using Platform.Grains.Catalog;
using Platform.Grains.Interfaces.Generation;

namespace Platform.Grains.Models;

/// <summary>
/// Reads tool calls out of one generation's chunks. Streamed: each chunk's text goes through the incremental parser,
/// so chunks carry content and call deltas as they are generated. Whole: text is held back and the finished output
/// is parsed once, strictly, the final chunk carrying the content and every call. A forced choice reads the output
/// its constraint allows (a named function: the arguments themselves; required: a JSON array of calls) instead of the
/// model's format. A stop with calls becomes <c>tool_calls</c>.
/// </summary>
internal sealed class ToolCallReader
{
    private readonly ToolCalling _settings;
    private readonly ToolCallFormat _format;
    private readonly StreamingToolCallParser? _stream;
    private readonly ToolCallExtractor? _whole;
    private readonly StringBuilder _output = new();
    private bool _namedStarted;

    internal ToolCallReader(ToolCallFormat format, ToolCalling settings)
    {
        _settings = settings;
        _format = format;
        var maxCalls = settings.Parallel ? int.MaxValue : 1;
        if (settings.NamedFunction is not null)
            return;
        if (settings.Streamed)
            _stream = settings.Required ? StreamingToolCallParser.ForRequired(format, maxCalls) : new StreamingToolCallParser(format, maxCalls);
        else
            _whole = settings.Required ? ToolCallExtractor.ForRequired(format) : new ToolCallExtractor(format);
    }

    /// <summary>The reader for <paramref name="job"/>, null when it asks for no parsing; a 400 when auto parsing meets a model with no tool-call format.</summary>
    public static ToolCallReader? For(ServedModel model, GenerationJob job)
    {
        if (job.Tools is not { Parse: true } settings)
            return null;
        if (settings.Required || settings.NamedFunction is not null)
            // Forced output is JSON whatever the model's format; the format only shapes the ids (Mistral's are 9 characters).
            return new ToolCallReader(model.ToolCallFormat ?? ToolCallFormat.Hermes, settings);
        var format = model.ToolCallFormat ?? throw new PlatformRequestException(PlatformRequestException.InvalidValue,
            $"Model '{model.Name}' has no tool-call format: its chat template shows none. Start the server with --tool-call-parser " +
            $"({string.Join(", ", ToolCallFormats.Names)}), or send tool_choice 'none'.", "tool_choice");
        return new ToolCallReader(format, settings);
    }

    public TokenChunk Read(TokenChunk chunk)
    {
        if (chunk.Error is not null)
            return chunk;
        if (_settings.NamedFunction is { } name)
            return Named(chunk, name);
        return _stream is not null ? Streamed(chunk, _stream) : Whole(chunk);
    }

    /// <summary>The whole output is the named function's arguments: streamed as they come, or in the final chunk.</summary>
    private TokenChunk Named(TokenChunk chunk, string name)
    {
        _output.Append(chunk.Text);
        if (!_settings.Streamed && !chunk.IsFinal)
            return chunk with { Text = "" };
        var arguments = _settings.Streamed ? chunk.Text : _output.ToString();
        ToolCallChunk[]? calls = null;
        if (!_namedStarted)
        {
            _namedStarted = true;
            calls = [new ToolCallChunk(0, ToolCallIds.New(_format), name, arguments)];
        }
        else if (arguments.Length > 0)
            calls = [new ToolCallChunk(0, null, null, arguments)];
        return chunk with { Text = "", ToolCalls = calls, FinishReason = Finish(chunk.FinishReason, 1) };
    }

    private TokenChunk Streamed(TokenChunk chunk, StreamingToolCallParser parser)
    {
        var step = parser.Feed(chunk.Text);
        if (!chunk.IsFinal && step.Calls.Count == 0 && ReferenceEquals(step.Content, chunk.Text))
            return chunk;
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
