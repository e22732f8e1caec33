using System.Text;
using System.Text.Json;
using Platform.Engine.Formats;

namespace Platform.Engine.Models.Safetensors;

/// <summary>
/// A memory-mapped .safetensors file: an 8-byte little-endian header length, a JSON header naming each tensor's
/// dtype, shape and byte range, then the raw data. Every range is checked against the file before use.
/// </summary>
public sealed unsafe class SafetensorsFile : IDisposable
{
    private readonly MappedFile _file;
    private readonly Dictionary<string, SafetensorsEntry> _entries;
    private readonly long _dataStart;

    private SafetensorsFile(MappedFile file, Dictionary<string, SafetensorsEntry> entries, long dataStart)
    {
        _file = file;
        _entries = entries;
        _dataStart = dataStart;
    }

    public string Path => _file.Path;

    public IReadOnlyDictionary<string, SafetensorsEntry> Entries => _entries;

    public static SafetensorsFile Open(string path)
    {
        if (!File.Exists(path)) throw new ModelFormatException($"{path}: file not found.");
        var file = new MappedFile(path);
        try
        {
            if (file.Length < 8) throw new ModelFormatException($"{path}: truncated safetensors file ({file.Length} bytes, no header).");
            var headerLength = *(ulong*)file.Pointer;
            if (headerLength == 0 || headerLength > (ulong)(file.Length - 8) || headerLength > int.MaxValue)
                throw new ModelFormatException($"{path}: corrupt or truncated safetensors file: header length {headerLength} does not fit in {file.Length} bytes.");
            var header = file.Span(8, (int)headerLength);
            var dataStart = 8 + (long)headerLength;
            var entries = ParseHeader(path, header, file.Length - dataStart);
            return new SafetensorsFile(file, entries, dataStart);
        }
        catch
        {
            file.Dispose();
            throw;
        }
    }

    public byte* GetData(SafetensorsEntry entry) => _file.Pointer + _dataStart + entry.Begin;

    public void Dispose() => _file.Dispose();

    private static Dictionary<string, SafetensorsEntry> ParseHeader(string path, ReadOnlySpan<byte> header, long dataLength)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(Encoding.UTF8.GetString(header).TrimEnd(' ', '\0'));
        }
        catch (JsonException e)
        {
            throw new ModelFormatException($"{path}: corrupt safetensors header (not valid JSON): {e.Message}", e);
        }
        using (document)
        {
            if (document.RootElement.ValueKind != JsonValueKind.Object)
                throw new ModelFormatException($"{path}: corrupt safetensors header (not a JSON object).");
            var entries = new Dictionary<string, SafetensorsEntry>(StringComparer.Ordinal);
            foreach (var property in document.RootElement.EnumerateObject())
            {
                if (property.Name == "__metadata__") continue;
                entries[property.Name] = ParseEntry(path, property.Name, property.Value, dataLength);
            }
            return entries;
        }
    }

    private static SafetensorsEntry ParseEntry(string path, string name, JsonElement value, long dataLength)
    {
        try
        {
            var dtype = value.GetProperty("dtype").GetString() ?? "";
            var shape = value.GetProperty("shape").EnumerateArray().Select(d => d.GetInt64()).ToArray();
            var offsets = value.GetProperty("data_offsets").EnumerateArray().Select(d => d.GetInt64()).ToArray();
            if (offsets.Length != 2 || offsets[0] < 0 || offsets[1] < offsets[0] || offsets[1] > dataLength)
                throw new ModelFormatException($"{path}: tensor '{name}' data range [{string.Join(", ", offsets)}] lies outside the {dataLength} data bytes; the file is truncated or corrupt.");
            long elements = 1;
            foreach (var d in shape)
            {
                if (d < 0) throw new ModelFormatException($"{path}: tensor '{name}' has a negative dimension.");
                elements = checked(elements * d);
            }
            var size = SafetensorsEntry.ElementSize(dtype);
            if (size > 0 && elements * size != offsets[1] - offsets[0])
                throw new ModelFormatException($"{path}: tensor '{name}' ({dtype} [{string.Join(", ", shape)}]) needs {elements * size} bytes but its range holds {offsets[1] - offsets[0]}.");
            return new SafetensorsEntry(name, dtype, shape, offsets[0], offsets[1]);
        }
        catch (Exception e) when (e is KeyNotFoundException or InvalidOperationException or FormatException or OverflowException)
        {
            throw new ModelFormatException($"{path}: corrupt safetensors header entry '{name}': {e.Message}", e);
        }
    }
}
