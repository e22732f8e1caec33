using System.IO.MemoryMappedFiles;

namespace Platform.Engine.Formats;

/// <summary>A read-only memory map of a whole file, so weights are used in place instead of copied into managed arrays.</summary>
public sealed unsafe class MappedFile : IDisposable
{
    private readonly MemoryMappedFile? _map;
    private readonly MemoryMappedViewAccessor? _view;
    private byte* _pointer;

    public MappedFile(string path)
    {
        Path = path;
        // Through an open handle: hub snapshots are symlinks to blobs, and the link's own length is not the file's.
        using (var handle = File.OpenHandle(path))
            Length = RandomAccess.GetLength(handle);
        if (Length == 0)
            return; // an empty file cannot be mapped; readers report it as truncated
        _map = MemoryMappedFile.CreateFromFile(path, FileMode.Open, null, 0, MemoryMappedFileAccess.Read);
        _view = _map.CreateViewAccessor(0, 0, MemoryMappedFileAccess.Read);
        _view.SafeMemoryMappedViewHandle.AcquirePointer(ref _pointer);
        _pointer += _view.PointerOffset;
    }

    public string Path { get; }

    public long Length { get; }

    /// <summary>The first byte of the file; valid until disposal.</summary>
    public byte* Pointer => _pointer;

    /// <summary>A bounds-checked view of part of the file.</summary>
    public ReadOnlySpan<byte> Span(long offset, int length)
    {
        if (offset < 0 || length < 0 || offset + length > Length)
            throw new ModelFormatException($"{Path}: range {offset}+{length} lies outside the file ({Length} bytes); the file is truncated or corrupt.");
        return new ReadOnlySpan<byte>(_pointer + offset, length);
    }

    public void Dispose()
    {
        if (_view is not null && _pointer != null)
        {
            _view.SafeMemoryMappedViewHandle.ReleasePointer();
            _pointer = null;
        }
        _view?.Dispose();
        _map?.Dispose();
    }
}
