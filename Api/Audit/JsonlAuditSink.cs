using System.Buffers;
using System.Text.Json;

namespace Platform.Api.Audit;

/// <summary>
/// Appends records to a file, one JSON object per line. The file is opened for each batch (so a log rotation that moves
/// it just starts a new one) and synced to disk before the batch counts as written; a batch that failed halfway is cut off
/// again, so a retry never leaves half a line.
/// </summary>
public sealed class JsonlAuditSink : IAuditSink
{
    private readonly string _path;
    private readonly ArrayBufferWriter<byte> _buffer = new(64 * 1024);
    private readonly Utf8JsonWriter _json;

    private JsonlAuditSink(string path)
    {
        _path = path;
        _json = new Utf8JsonWriter(_buffer);
    }

    public string Description => $"the audit file {_path}";

    /// <summary>A sink for <paramref name="path"/>, created now if missing, so a path that cannot be written fails the start.</summary>
    public static JsonlAuditSink Open(string path)
    {
        var full = Path.GetFullPath(path);
        using (new FileStream(full, FileMode.Append, FileAccess.Write, FileShare.ReadWrite))
        {
        }
        return new JsonlAuditSink(full);
    }

    public async Task WriteAsync(IReadOnlyList<AuditRecord> records, CancellationToken ct)
    {
        _buffer.ResetWrittenCount();
        foreach (var record in records)
        {
            _json.Reset();
            AuditJson.Write(_json, record);
            _json.Flush();
            _buffer.GetSpan(1)[0] = (byte)'\n';
            _buffer.Advance(1);
        }
        await using var file = new FileStream(_path, FileMode.Append, FileAccess.Write, FileShare.ReadWrite, 1, FileOptions.Asynchronous);
        var start = file.Length;
        try
        {
            await file.WriteAsync(_buffer.WrittenMemory, ct);
            file.Flush(flushToDisk: true);
        }
        catch
        {
            TryCut(file, start);
            throw;
        }
    }

    private static void TryCut(FileStream file, long length)
    {
        try
        {
            file.SetLength(length);
        }
        catch (IOException)
        {
            // The disk refuses even that; the reader sees one partial line before the retried batch.
        }
    }

    public ValueTask DisposeAsync() => _json.DisposeAsync();
}
