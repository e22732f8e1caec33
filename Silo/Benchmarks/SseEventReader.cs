using System.Text;

namespace Platform.Silo.Benchmarks;

/// <summary>Reads the `data` payloads of a server-sent event stream as each event completes, whatever byte boundaries the network reads fall on.</summary>
/// <remarks>Follows the WHATWG event-stream rules that matter for OpenAI streams: LF or CRLF line ends, `:` comments,
/// one optional space after the colon, several `data` lines joined with LF, a blank line dispatching the event,
/// and an unterminated event at end of stream discarded.</remarks>
public sealed class SseEventReader
{
    private readonly Stream _stream;
    private readonly StringBuilder _data = new();
    private byte[] _buffer = new byte[8192];
    private int _start;
    private int _end;
    private bool _hasData;
    private bool _atStreamStart = true;

    public SseEventReader(Stream stream) => _stream = stream;

    /// <summary>The next event's data, or null when the stream has ended.</summary>
    public async ValueTask<string?> ReadEventAsync(CancellationToken cancellationToken = default)
    {
        while (true)
        {
            if (TryTakeBufferedEvent(out var data))
                return data;
            MakeRoom();
            var read = await _stream.ReadAsync(_buffer.AsMemory(_end), cancellationToken).ConfigureAwait(false);
            if (read == 0)
                return null;
            _end += read;
        }
    }

    /// <summary>Consumes complete lines already buffered until one ends an event carrying data.</summary>
    private bool TryTakeBufferedEvent(out string? data)
    {
        while (true)
        {
            var pending = _buffer.AsSpan(_start, _end - _start);
            var newline = pending.IndexOf((byte)'\n');
            if (newline < 0)
            {
                data = null;
                return false;
            }
            var line = pending[..newline];
            _start += newline + 1;
            if (_atStreamStart)
            {
                _atStreamStart = false;
                if (line.StartsWith("\uFEFF"u8))
                    line = line[3..];
            }
            if (line.EndsWith("\r"u8))
                line = line[..^1];
            if (line.IsEmpty)
            {
                if (!_hasData)
                    continue;
                data = _data.ToString();
                _data.Clear();
                _hasData = false;
                return true;
            }
            AcceptField(line);
        }
    }

    private void AcceptField(ReadOnlySpan<byte> line)
    {
        var colon = line.IndexOf((byte)':');
        if (colon == 0)
            return;
        var name = colon < 0 ? line : line[..colon];
        if (!name.SequenceEqual("data"u8))
            return;
        var value = colon < 0 ? [] : line[(colon + 1)..];
        if (value.StartsWith(" "u8))
            value = value[1..];
        if (_hasData)
            _data.Append('\n');
        _data.Append(Encoding.UTF8.GetString(value));
        _hasData = true;
    }

    /// <summary>Moves the unread tail to the front, growing the buffer only when one line outgrows it.</summary>
    private void MakeRoom()
    {
        var unread = _end - _start;
        if (_start > 0)
        {
            _buffer.AsSpan(_start, unread).CopyTo(_buffer);
            _start = 0;
            _end = unread;
        }
        if (_end == _buffer.Length)
            Array.Resize(ref _buffer, _buffer.Length * 2);
    }
}
