using System.Text;

namespace Platform.Engine.Generation;

/// <summary>
/// Watches streamed text for stop strings. Text that could still turn out to be the start of a stop string is held
/// back, so a stop string never leaks into the output, even when it arrives split across tokens.
/// </summary>
public sealed class StopStringMatcher
{
    private readonly IReadOnlyList<string> _stops;
    private readonly StringBuilder _pending = new();

    /// <summary>Creates a matcher for <paramref name="stops"/> (non-empty strings).</summary>
    public StopStringMatcher(IReadOnlyList<string> stops)
    {
        Validate(stops);
        _stops = stops;
    }

    /// <summary>Throws <see cref="ArgumentException"/> if a stop string is null or empty.</summary>
    public static void Validate(IReadOnlyList<string> stops)
    {
        foreach (var stop in stops)
            if (string.IsNullOrEmpty(stop))
                throw new ArgumentException("Stop strings must not be empty.", nameof(stops));
    }

    /// <summary>Whether a stop string has been seen; nothing more is emitted after it.</summary>
    public bool Stopped { get; private set; }

    /// <summary>The stop string that ended the text, once <see cref="Stopped"/>.</summary>
    public string? MatchedStop { get; private set; }

    /// <summary>Adds newly decoded text and returns what is now safe to emit (up to, not including, a stop string).</summary>
    public string Append(string delta)
    {
        if (Stopped || delta.Length == 0)
            return "";
        _pending.Append(delta);
        if (_stops.Count == 0)
            return Take(_pending.Length);
        var text = _pending.ToString();
        var earliest = -1;
        foreach (var stop in _stops)
        {
            var at = text.IndexOf(stop, StringComparison.Ordinal);
            if (at >= 0 && (earliest < 0 || at < earliest))
            {
                earliest = at;
                MatchedStop = stop;
            }
        }
        if (earliest >= 0)
        {
            Stopped = true;
            var before = text[..earliest];
            _pending.Clear();
            return before;
        }
        return Take(text.Length - HeldBack(text));
    }

    /// <summary>Returns the held-back text at the end of generation (it did not become a stop string).</summary>
    public string Flush() => Stopped ? "" : Take(_pending.Length);

    private string Take(int length)
    {
        var emitted = _pending.ToString(0, length);
        _pending.Remove(0, length);
        return emitted;
    }

    // The longest suffix of the text that is a proper prefix of some stop string.
    private int HeldBack(string text)
    {
        var held = 0;
        foreach (var stop in _stops)
        {
            for (var length = Math.Min(stop.Length - 1, text.Length); length > held; length--)
            {
                if (text.AsSpan(text.Length - length).SequenceEqual(stop.AsSpan(0, length)))
                {
                    held = length;
                    break;
                }
            }
        }
        return held;
    }
}
