using System.Text;

namespace Platform.Engine.ToolCalls;

/// <summary>
/// Reads tool calls out of output as it streams, once per piece and never re-reading earlier output: text streams
/// through as content except while it could still be the start of a call marker, a call's first delta carries its id
/// and name as soon as the name is read, and each piece adds the argument characters it brought. A call section that
/// turns out not to be one before its name was read goes out as content; once a name went out, the call stands, and
/// text after a malformed remainder is content again. Whitespace between and after calls is dropped.
/// Not thread-safe: one parser per generation.
/// </summary>
public sealed class StreamingToolCallParser
{
    private enum State { Text, Leading, SectionStart, Object, AfterObject, BeforeObject, EndMarker }

    private readonly ToolCallFormat _format;
    private readonly ToolCallSyntax _syntax;
    private readonly int _maxCalls;
    private readonly StringBuilder _content = new();
    private readonly List<ToolCallDelta> _deltas = [];
    private readonly StringBuilder _pending = new();
    private readonly StringBuilder _raw = new();
    private State _state;
    private CallObjectScanner? _call;
    private bool _callEmitted;
    private bool _afterCall;
    private bool _inArray;

    /// <param name="format">The model's tool-call format.</param>
    /// <param name="maxCalls">Calls past this many are read but not reported (<c>parallel_tool_calls: false</c> keeps one).</param>
    public StreamingToolCallParser(ToolCallFormat format, int maxCalls = int.MaxValue) : this(ToolCallSyntax.Of(format), format, maxCalls)
    {
    }

    private StreamingToolCallParser(ToolCallSyntax syntax, ToolCallFormat idFormat, int maxCalls)
    {
        _format = idFormat;
        _syntax = syntax;
        _maxCalls = maxCalls;
        _state = _syntax.BareObjectAtStart ? State.Leading : State.Text;
    }

    /// <summary>Reads the JSON array <c>tool_choice: required</c> constrains output to; ids are shaped for <paramref name="idFormat"/>.</summary>
    public static StreamingToolCallParser ForRequired(ToolCallFormat idFormat, int maxCalls = int.MaxValue) =>
        new(ToolCallSyntax.RequiredArray, idFormat, maxCalls);

    /// <summary>Calls read so far (reported or not).</summary>
    public int CallCount { get; private set; }

    /// <summary>Reads the next piece of output.</summary>
    public ToolCallStep Feed(string text)
    {
        // Plain text with nothing pending goes out as it came, without copying (the common case per token).
        if (_state == State.Text && _pending.Length == 0 && !_afterCall && _content.Length == 0 && text.IndexOf(_syntax.StartMarker[0]) < 0)
            return new ToolCallStep(text, []);
        foreach (var c in text)
            Push(c);
        return TakeStep();
    }

    /// <summary>Ends the output: text held back as a possible marker, or a section that never became a call, is content.</summary>
    public ToolCallStep Finish()
    {
        if (_state is State.Text or State.Leading or State.EndMarker)
            EmitText(_pending);
        else if (_state is State.SectionStart or State.Object or State.BeforeObject && !_callEmitted)
            EmitText(_raw);
        _pending.Clear();
        _raw.Clear();
        _state = State.Text;
        return TakeStep();
    }

    private ToolCallStep TakeStep()
    {
        if (_call is { Arguments.Length: > 0 } call && _callEmitted)
        {
            if (CallCount <= _maxCalls)
                _deltas.Add(new ToolCallDelta(CallCount - 1, null, null, call.Arguments.ToString()));
            call.Arguments.Clear();
        }
        if (_content.Length == 0 && _deltas.Count == 0)
            return ToolCallStep.Empty;
        var step = new ToolCallStep(_content.ToString(), _deltas.Count == 0 ? [] : [.. _deltas]);
        _content.Clear();
        _deltas.Clear();
        return step;
    }

    private void Push(char c)
    {
        switch (_state)
        {
            case State.Leading:
                if (JsonValueEnd.IsWhitespace(c))
                {
                    _pending.Append(c);
                    return;
                }
                if (c == '{' || (_syntax.CallsInArray && c == '['))
                {
                    _raw.Clear().Append(_pending);
                    _pending.Clear();
                    OpenSection();
                    Push(c);
                    return;
                }
                _state = State.Text;
                Text(c);
                return;
            case State.Text:
                Text(c);
                return;
            case State.SectionStart:
                if (JsonValueEnd.IsWhitespace(c) || (_syntax.CallsInArray && c == '[' && !_inArray))
                {
                    _raw.Append(c);
                    _inArray |= c == '[';
                    if (_inArray)
                        _state = State.BeforeObject;
                    return;
                }
                StartObject(c);
                return;
            case State.BeforeObject:
                if (JsonValueEnd.IsWhitespace(c))
                {
                    if (!_callEmitted)
                        _raw.Append(c);
                    return;
                }
                if (c == '{')
                {
                    StartObject(c);
                    return;
                }
                if (_callEmitted)
                    EndSection(c);
                else
                    FailWith(c);
                return;
            case State.Object:
                ObjectChar(c);
                return;
            case State.AfterObject:
                AfterObject(c);
                return;
            case State.EndMarker:
                EndMarkerChar(c);
                return;
        }
    }

    private void Text(char c)
    {
        var marker = _syntax.StartMarker;
        if (_pending.Length == 0 && c != marker[0])
        {
            EmitChar(c);
            return;
        }
        _pending.Append(c);
        if (EndsWith(_pending, marker, marker.Length))
        {
            _pending.Length -= marker.Length;
            EmitText(_pending);
            _pending.Clear();
            _raw.Clear().Append(marker);
            OpenSection();
            return;
        }
        // Hold back only the longest tail that could still grow into the marker.
        var keep = Math.Min(_pending.Length, marker.Length - 1);
        while (keep > 0 && !EndsWith(_pending, marker, keep))
            keep--;
        var emit = _pending.Length - keep;
        for (var i = 0; i < emit; i++)
            EmitChar(_pending[i]);
        _pending.Remove(0, emit);
    }

    private void EmitText(StringBuilder text)
    {
        for (var i = 0; i < text.Length; i++)
            EmitChar(text[i]);
    }

    private void EmitChar(char c)
    {
        if (_afterCall)
        {
            // Between and after calls, whitespace alone is layout, not content.
            if (JsonValueEnd.IsWhitespace(c))
            {
                _heldWhitespace.Append(c);
                return;
            }
            _content.Append(_heldWhitespace);
            _heldWhitespace.Clear();
            _afterCall = false;
        }
        _content.Append(c);
    }

    private readonly StringBuilder _heldWhitespace = new();

    private void OpenSection()
    {
        _state = State.SectionStart;
        _inArray = false;
        _callEmitted = false;
    }

    private void StartObject(char c)
    {
        _call = new CallObjectScanner(_syntax);
        _callEmitted = false;
        _state = State.Object;
        ObjectChar(c);
    }

    private void ObjectChar(char c)
    {
        if (!_callEmitted)
            _raw.Append(c);
        switch (_call!.Push(c))
        {
            case ScanStep.NameRead:
                EmitName();
                break;
            case ScanStep.Closed:
                if (!_callEmitted)
                {
                    Fail();
                    return;
                }
                if (!_call.SawArguments)
                    _call.Arguments.Append("{}");
                FlushArguments();
                _state = State.AfterObject;
                _pending.Clear();
                break;
            case ScanStep.Invalid:
                if (!_callEmitted)
                    Fail();
                else
                {
                    // The call went out already; what follows its broken part is text again.
                    FlushArguments();
                    _afterCall = true;
                    _state = State.Text;
                    _pending.Clear();
                    Text(c);
                }
                break;
        }
    }

    private void EmitName()
    {
        CallCount++;
        _callEmitted = true;
        _raw.Clear();
        if (CallCount <= _maxCalls)
            _deltas.Add(new ToolCallDelta(CallCount - 1, ToolCallIds.New(_format), _call!.Name, _call.Arguments.ToString()));
        _call!.Arguments.Clear();
    }

    private void FlushArguments()
    {
        if (_call is not { Arguments.Length: > 0 } call)
            return;
        if (CallCount <= _maxCalls)
            _deltas.Add(new ToolCallDelta(CallCount - 1, null, null, call.Arguments.ToString()));
        call.Arguments.Clear();
    }

    /// <summary>The section was not a call: everything since its marker is content, and reading goes on after it.</summary>
    private void Fail()
    {
        _call = null;
        _state = State.Text;
        _pending.Clear();
        EmitText(_raw);
        _raw.Clear();
    }

    /// <summary>Fails on <paramref name="c"/>, which is then read as text (it may open the next marker).</summary>
    private void FailWith(char c)
    {
        Fail();
        Text(c);
    }

    private void AfterObject(char c)
    {
        _afterCall = true;
        if (_inArray)
        {
            if (JsonValueEnd.IsWhitespace(c))
                return;
            if (c == ',')
            {
                _raw.Clear();
                _state = State.BeforeObject;
                return;
            }
            if (c == ']')
            {
                _state = State.Text;
                return;
            }
            EndSection(c);
            return;
        }
        if (_syntax.Separator is { } separator)
        {
            if (JsonValueEnd.IsWhitespace(c))
                return;
            if (c == separator)
            {
                _raw.Clear();
                _state = State.BeforeObject;
                return;
            }
            EndSection(c);
            return;
        }
        if (_syntax.EndMarker is not null)
        {
            _state = State.EndMarker;
            EndMarkerChar(c);
            return;
        }
        EndSection(c);
    }

    private void EndMarkerChar(char c)
    {
        var marker = _syntax.EndMarker!;
        if (_pending.Length == 0 && JsonValueEnd.IsWhitespace(c))
            return;
        _pending.Append(c);
        if (_pending.Length <= marker.Length && EndsWith(_pending, marker.AsSpan(0, _pending.Length)))
        {
            if (_pending.Length == marker.Length)
            {
                _pending.Clear();
                _state = State.Text;
            }
            return;
        }
        // No closing tag: what came instead is text.
        var text = _pending.ToString();
        _pending.Clear();
        _state = State.Text;
        foreach (var t in text)
            Text(t);
    }

    private void EndSection(char c)
    {
        _afterCall = true;
        _state = State.Text;
        _pending.Clear();
        Text(c);
    }

    private static bool EndsWith(StringBuilder text, string marker, int prefixLength) => EndsWith(text, marker.AsSpan(0, prefixLength));

    private static bool EndsWith(StringBuilder text, ReadOnlySpan<char> suffix)
    {
        if (text.Length < suffix.Length)
            return false;
        var start = text.Length - suffix.Length;
        for (var i = 0; i < suffix.Length; i++)
            if (text[start + i] != suffix[i])
                return false;
        return true;
    }
}
