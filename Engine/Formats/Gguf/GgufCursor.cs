using System.Buffers.Binary;
using System.Text;

namespace Platform.Engine.Formats.Gguf;

/// <summary>A bounds-checked little-endian reader over a mapped GGUF header, so a truncated file ends in a clear error.</summary>
internal unsafe struct GgufCursor(MappedFile file)
{
    private readonly MappedFile _file = file;

    public long Position;

    private ReadOnlySpan<byte> Take(long count, string what)
    {
        if (count < 0 || count > int.MaxValue || Position + count > _file.Length)
            throw new ModelFormatException(
                $"{_file.Path}: truncated or corrupt GGUF file: reading {what} at byte {Position} needs {count} bytes, but the file has {_file.Length}.");
        var span = new ReadOnlySpan<byte>(_file.Pointer + Position, (int)count);
        Position += count;
        return span;
    }

    public byte U8(string what) => Take(1, what)[0];
    public ushort U16(string what) => BinaryPrimitives.ReadUInt16LittleEndian(Take(2, what));
    public uint U32(string what) => BinaryPrimitives.ReadUInt32LittleEndian(Take(4, what));
    public ulong U64(string what) => BinaryPrimitives.ReadUInt64LittleEndian(Take(8, what));
    public float F32(string what) => BinaryPrimitives.ReadSingleLittleEndian(Take(4, what));
    public double F64(string what) => BinaryPrimitives.ReadDoubleLittleEndian(Take(8, what));

    /// <summary>Reads a count and refuses one larger than the bytes left, which only a corrupt file has.</summary>
    public long Count(string what, int minBytesPerItem)
    {
        var n = U64(what);
        if (n > (ulong)((_file.Length - Position) / Math.Max(1, minBytesPerItem)))
            throw new ModelFormatException($"{_file.Path}: corrupt GGUF file: {what} = {n} at byte {Position - 8} exceeds what the file can hold.");
        return (long)n;
    }

    public string String(string what)
    {
        var length = Count(what + " length", 1);
        return Encoding.UTF8.GetString(Take(length, what));
    }

    public void Align(long alignment) => Position = (Position + alignment - 1) / alignment * alignment;
}
