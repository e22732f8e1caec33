using System.Text;
using System.Text.Json;

namespace Platform.Engine.ToolCalls;

/// <summary>What one character did to a call object being scanned.</summary>
internal enum ScanStep
{
    Continue,

    /// <summary>The function's name has just been read (see <see cref="CallObjectScanner.Name"/>).</summary>
    NameRead,

    /// <summary>The object's closing brace.</summary>
    Closed,

    /// <summary>The text is not a call object; nothing more is read.</summary>
    Invalid,
}

/// <summary>
/// Reads one call object a character at a time, for streaming: the name when its string is complete, and the
/// arguments' characters as they arrive, appended to <see cref="Arguments"/> (a string-valued argument, which must
/// itself hold JSON, is appended whole once read). Checks the object's own structure, not the argument values'.
/// </summary>
internal sealed class CallObjectScanner(ToolCallSyntax syntax)
{
    private enum Phase { Open, KeyOrClose, Key, Colon, ValueStart, Value, AfterValue, KeyAfterComma }

    private enum Slot { Name, Arguments, Other }

    private readonly StringBuilder _key = new();
    private readonly StringBuilder _value = new();
    private Phase _phase = Phase.Open;
    private Slot _slot;
    private bool _argumentsAsString;
    private int _depth;
    private bool _inString;
    private bool _escaped;
    private bool _scalar;

    /// <summary>The name, once read.</summary>
    public string? Name { get; private set; }

    /// <summary>Argument text read and not yet taken by the caller.</summary>
    public StringBuilder Arguments { get; } = new();

    /// <summary>Whether an arguments key was present.</summary>
    public bool SawArguments { get; private set; }

    public ScanStep Push(char c)
    {
        switch (_phase)
        {
            case Phase.Open:
                if (c != '{')
                    return ScanStep.Invalid;
                _phase = Phase.KeyOrClose;
                return ScanStep.Continue;
            case Phase.KeyOrClose or Phase.KeyAfterComma:
                if (JsonValueEnd.IsWhitespace(c))
                    return ScanStep.Continue;
                if (c == '"')
                {
                    _key.Clear();
                    _escaped = false;
                    _phase = Phase.Key;
                    return ScanStep.Continue;
                }
                return c == '}' && _phase == Phase.KeyOrClose ? ScanStep.Closed : ScanStep.Invalid;
            case Phase.Key:
                if (_escaped)
                    _escaped = false;
                else if (c == '\\')
                    _escaped = true;
                else if (c == '"')
                {
                    _phase = Phase.Colon;
                    return ScanStep.Continue;
                }
                _key.Append(c);
                return ScanStep.Continue;
            case Phase.Colon:
                if (JsonValueEnd.IsWhitespace(c))
                    return ScanStep.Continue;
                if (c != ':')
                    return ScanStep.Invalid;
                _phase = Phase.ValueStart;
                return ScanStep.Continue;
            case Phase.ValueStart:
                return JsonValueEnd.IsWhitespace(c) ? ScanStep.Continue : StartValue(c);
            case Phase.Value:
                return ValueChar(c);
            default:
                if (JsonValueEnd.IsWhitespace(c))
                    return ScanStep.Continue;
                if (c == ',')
                {
                    _phase = Phase.KeyAfterComma;
                    return ScanStep.Continue;
                }
                return c == '}' ? ScanStep.Closed : ScanStep.Invalid;
        }
    }

    private ScanStep StartValue(char c)
    {
        var key = _key.ToString();
        _slot = key == "name" && Name is null ? Slot.Name : syntax.IsArgumentKey(key) && !SawArguments ? Slot.Arguments : Slot.Other;
        if (_slot == Slot.Name && c != '"')
            return ScanStep.Invalid;
        if (_slot == Slot.Arguments)
        {
            if (c is not ('{' or '"' or 'n'))
                return ScanStep.Invalid;
            SawArguments = true;
            _argumentsAsString = c == '"';
        }
        if (c is not ('{' or '[' or '"' or '-' or 't' or 'f' or 'n') && !char.IsAsciiDigit(c))
            return ScanStep.Invalid;
        _value.Clear();
        _depth = 0;
        _inString = false;
        _escaped = false;
        _scalar = c is not ('{' or '[' or '"');
        _phase = Phase.Value;
        return ValueChar(c);
    }

    private ScanStep ValueChar(char c)
    {
        if (_scalar && (c is ',' or '}' || JsonValueEnd.IsWhitespace(c)))
        {
            var ended = EndValue();
            return ended != ScanStep.Continue ? ended : Push(c);
        }
        Keep(c);
        if (_scalar)
            return ScanStep.Continue;
        if (_inString)
        {
            if (_escaped)
                _escaped = false;
            else if (c == '\\')
                _escaped = true;
            else if (c == '"')
            {
                _inString = false;
                if (_depth == 0)
                    return EndValue();
            }
            return ScanStep.Continue;
        }
        switch (c)
        {
            case '"':
                _inString = true;
                break;
            case '{' or '[':
                _depth++;
                break;
            case '}' or ']':
                if (--_depth == 0)
                    return EndValue();
                break;
        }
        return ScanStep.Continue;
    }

    private void Keep(char c)
    {
        if (_slot == Slot.Arguments && !_argumentsAsString && !_scalar)
            Arguments.Append(c);
        else
            _value.Append(c);
    }

    private ScanStep EndValue()
    {
        _phase = Phase.AfterValue;
        if (_slot == Slot.Arguments)
        {
            if (_argumentsAsString)
            {
                if (Decode(_value.ToString()) is not { } text || !ToolCallObject.IsObject(text))
                    return ScanStep.Invalid;
                Arguments.Append(text);
            }
            else if (_scalar)
            {
                // Only null stands for "no arguments"; a number or boolean is not an arguments object.
                if (_value.ToString() != "null")
                    return ScanStep.Invalid;
                Arguments.Append("{}");
            }
            return ScanStep.Continue;
        }
        if (_slot != Slot.Name)
            return ScanStep.Continue;
        Name = Decode(_value.ToString());
        return Name is { Length: > 0 } ? ScanStep.NameRead : ScanStep.Invalid;
    }

    private static string? Decode(string literal)
    {
        try
        {
            return JsonSerializer.Deserialize<string>(literal);
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
