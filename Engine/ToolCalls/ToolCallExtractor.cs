using System.Text;
using System.Text.Json;

namespace Platform.Engine.ToolCalls;

/// <summary>
/// Splits a finished output into content and tool calls. Strict: a call section whose JSON does not parse, or whose
/// objects lack a string <c>name</c> or have non-object arguments, stays in the content as written.
/// </summary>
public sealed class ToolCallExtractor
{
    private readonly ToolCallSyntax _syntax;
    private readonly ToolCallFormat _format;

    /// <summary>Reads <paramref name="format"/>'s calls.</summary>
    public ToolCallExtractor(ToolCallFormat format) : this(ToolCallSyntax.Of(format), format)
    {
    }

    private ToolCallExtractor(ToolCallSyntax syntax, ToolCallFormat idFormat)
    {
        _syntax = syntax;
        _format = idFormat;
    }

    /// <summary>Reads the JSON array <c>tool_choice: required</c> constrains output to; ids are shaped for <paramref name="idFormat"/>.</summary>
    public static ToolCallExtractor ForRequired(ToolCallFormat idFormat) => new(ToolCallSyntax.RequiredArray, idFormat);

    /// <summary>The content (text outside the calls, trimmed; null when none is left) and the calls in order.</summary>
    public ToolCallOutput Extract(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var content = new StringBuilder();
        var calls = new List<ParsedToolCall>();
        var position = 0;
        if (_syntax.BareObjectAtStart)
        {
            var first = JsonValueEnd.SkipWhitespace(text, 0);
            if (first < text.Length && (text[first] == '{' || (_syntax.CallsInArray && text[first] == '[')) && TryReadSection(text, first, calls, out var end))
                position = end;
        }
        while (position < text.Length)
        {
            var marker = text.IndexOf(_syntax.StartMarker, position, StringComparison.Ordinal);
            if (marker < 0)
                break;
            content.Append(text, position, marker - position);
            var after = marker + _syntax.StartMarker.Length;
            if (TryReadSection(text, after, calls, out var end))
                position = end;
            else
            {
                content.Append(_syntax.StartMarker);
                position = after;
            }
        }
        if (position < text.Length)
            content.Append(text, position, text.Length - position);
        var rest = content.ToString().Trim();
        return new ToolCallOutput(rest.Length == 0 ? null : rest, calls);
    }

    /// <summary>Reads the calls of one section starting at <paramref name="start"/>; <paramref name="end"/> is just past them.</summary>
    private bool TryReadSection(string text, int start, List<ParsedToolCall> calls, out int end)
    {
        end = start;
        var i = JsonValueEnd.SkipWhitespace(text, start);
        if (i >= text.Length)
            return false;
        var found = new List<ParsedToolCall>();
        if (_syntax.CallsInArray && text[i] == '[')
        {
            if (!TryParse(text, i, out var valueEnd, out var array) || array.ValueKind != JsonValueKind.Array)
                return false;
            foreach (var element in array.EnumerateArray())
            {
                if (ToolCallObject.Read(element, _syntax, _format) is not { } call)
                    return false;
                found.Add(call);
            }
            if (found.Count == 0)
                return false;
            end = valueEnd;
        }
        else
        {
            if (!TryReadObject(text, i, found, out end))
                return false;
            while (_syntax.Separator is { } separator)
            {
                var next = JsonValueEnd.SkipWhitespace(text, end);
                if (next >= text.Length || text[next] != separator)
                    break;
                var objectStart = JsonValueEnd.SkipWhitespace(text, next + 1);
                if (!TryReadObject(text, objectStart, found, out var objectEnd))
                    break;
                end = objectEnd;
            }
        }
        if (_syntax.EndMarker is { } endMarker)
        {
            var close = JsonValueEnd.SkipWhitespace(text, end);
            // A model stopped at end-of-sequence may leave the closing tag out.
            if (string.CompareOrdinal(text, close, endMarker, 0, endMarker.Length) == 0)
                end = close + endMarker.Length;
        }
        calls.AddRange(found);
        return true;
    }

    private bool TryReadObject(string text, int start, List<ParsedToolCall> found, out int end)
    {
        end = start;
        if (start >= text.Length || text[start] != '{' || !TryParse(text, start, out var valueEnd, out var element)
            || ToolCallObject.Read(element, _syntax, _format) is not { } call)
            return false;
        found.Add(call);
        end = valueEnd;
        return true;
    }

    private static bool TryParse(string text, int start, out int end, out JsonElement value)
    {
        value = default;
        end = JsonValueEnd.Find(text, start);
        if (end < 0)
            return false;
        try
        {
            using var document = JsonDocument.Parse(text.AsMemory(start, end - start));
            value = document.RootElement.Clone();
            return true;
        }
        catch (JsonException)
        {
            return false;
        }
    }
}
