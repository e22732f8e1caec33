namespace Platform.Engine.Formats.Gguf;

/// <summary>A memory-mapped GGUF (v2/v3) file: its metadata, its tensor directory, and pointers to tensor data in place.</summary>
public sealed unsafe class GgufFile : IDisposable
{
    private const uint Magic = 0x46554747; // "GGUF" read little-endian
    private const long DefaultAlignment = 32;

    private readonly MappedFile _file;
    private readonly Dictionary<string, GgufTensorInfo> _byName;

    private GgufFile(MappedFile file, uint version, GgufMetadata metadata, List<GgufTensorInfo> tensors, long dataOffset)
    {
        _file = file;
        Version = version;
        Metadata = metadata;
        Tensors = tensors;
        DataOffset = dataOffset;
        _byName = new Dictionary<string, GgufTensorInfo>(tensors.Count, StringComparer.Ordinal);
        foreach (var t in tensors)
            if (!_byName.TryAdd(t.Name, t))
                throw new ModelFormatException($"{file.Path}: corrupt GGUF file: tensor '{t.Name}' appears twice.");
    }

    public string Path => _file.Path;

    public uint Version { get; }

    public GgufMetadata Metadata { get; }

    public IReadOnlyList<GgufTensorInfo> Tensors { get; }

    /// <summary>Absolute file offset where tensor data begins (tensor offsets are relative to it).</summary>
    public long DataOffset { get; }

    /// <summary>The `general.architecture` value (e.g. "llama", "qwen2"), or null for vocabulary-only files without one.</summary>
    public string? Architecture => Metadata.TryGetString("general.architecture");

    /// <summary>Opens and validates a GGUF file; every structural problem becomes a <see cref="ModelFormatException"/>.</summary>
    public static GgufFile Open(string path)
    {
        if (!File.Exists(path))
            throw new ModelFormatException($"{path}: file not found.");
        var file = new MappedFile(path);
        try
        {
            return Read(file);
        }
        catch
        {
            file.Dispose();
            throw;
        }
    }

    public bool TryGetTensor(string name, out GgufTensorInfo info) => _byName.TryGetValue(name, out info!);

    public GgufTensorInfo GetTensor(string name) =>
        _byName.TryGetValue(name, out var info) ? info : throw new ModelFormatException($"{Path}: tensor '{name}' is missing.");

    /// <summary>Pointer to a tensor's first byte in the mapped file; valid until disposal.</summary>
    public byte* GetTensorData(GgufTensorInfo info) => _file.Pointer + DataOffset + info.Offset;

    public ReadOnlySpan<byte> GetTensorBytes(GgufTensorInfo info) => _file.Span(DataOffset + info.Offset, checked((int)info.ByteSize));

    public void Dispose() => _file.Dispose();

    private static GgufFile Read(MappedFile file)
    {
        var c = new GgufCursor(file);
        if (file.Length < 8 || c.U32("magic") != Magic)
            throw new ModelFormatException($"{file.Path}: not a GGUF file (the first four bytes are not 'GGUF').");
        var version = c.U32("version");
        if (version == 1)
            throw new ModelFormatException(
                $"{file.Path}: GGUF version 1 is not supported (this reader reads versions 2 and 3); convert the model again with a current llama.cpp.");
        if (version is not (2 or 3))
            throw new ModelFormatException($"{file.Path}: unknown GGUF version {version} (this reader reads versions 2 and 3).");

        var tensorCount = c.Count("tensor count", 24);
        var kvCount = c.Count("metadata count", 12);
        var values = new Dictionary<string, object>((int)kvCount, StringComparer.Ordinal);
        for (long i = 0; i < kvCount; i++)
        {
            var key = c.String("metadata key");
            var type = (GgufValueType)c.U32($"type of '{key}'");
            values[key] = ReadValue(ref c, type, key);
        }
        var metadata = new GgufMetadata(file.Path, values);

        var tensors = new List<GgufTensorInfo>((int)tensorCount);
        for (long i = 0; i < tensorCount; i++)
            tensors.Add(ReadTensorInfo(ref c, file.Path));

        var alignment = metadata.TryGetInt("general.alignment") ?? DefaultAlignment;
        if (alignment <= 0 || (alignment & (alignment - 1)) != 0)
            throw new ModelFormatException($"{file.Path}: corrupt GGUF file: general.alignment {alignment} is not a power of two.");
        c.Align(alignment);
        var dataOffset = c.Position;
        foreach (var t in tensors)
        {
            if (t.Offset % alignment != 0 || dataOffset + t.Offset + t.ByteSize > file.Length)
                throw new ModelFormatException(
                    $"{file.Path}: truncated or corrupt GGUF file: tensor '{t.Name}' ({t.ByteSize} bytes at data offset {t.Offset}) lies outside the file ({file.Length} bytes).");
        }
        return new GgufFile(file, version, metadata, tensors, dataOffset);
    }

    private static GgufTensorInfo ReadTensorInfo(ref GgufCursor c, string path)
    {
        var name = c.String("tensor name");
        var nDims = c.U32($"dimension count of '{name}'");
        if (nDims is 0 or > 4)
            throw new ModelFormatException($"{path}: corrupt GGUF file: tensor '{name}' has {nDims} dimensions.");
        var dims = new long[nDims];
        long elements = 1;
        for (var d = 0; d < nDims; d++)
        {
            var n = c.U64($"dimension {d} of '{name}'");
            if (n == 0 || n > int.MaxValue)
                throw new ModelFormatException($"{path}: corrupt GGUF file: tensor '{name}' has dimension {d} = {n}.");
            dims[d] = (long)n;
            elements = checked(elements * dims[d]);
        }
        var type = (GgmlType)c.U32($"type of '{name}'");
        if (!GgmlTypeInfo.TryGetBlock(type, out var blockElements, out var blockBytes))
            throw new ModelFormatException($"{path}: tensor '{name}' has ggml type {(uint)type}, which this reader does not know.");
        if (dims[0] % blockElements != 0)
            throw new ModelFormatException($"{path}: corrupt GGUF file: tensor '{name}' row of {dims[0]} is not a multiple of the {type} block ({blockElements}).");
        var offset = c.U64($"offset of '{name}'");
        return new GgufTensorInfo(name, dims, type, checked((long)offset), elements / blockElements * blockBytes);
    }

    private static object ReadValue(ref GgufCursor c, GgufValueType type, string key) => type switch
    {
        GgufValueType.UInt8 => c.U8(key),
        GgufValueType.Int8 => (sbyte)c.U8(key),
        GgufValueType.UInt16 => c.U16(key),
        GgufValueType.Int16 => (short)c.U16(key),
        GgufValueType.UInt32 => c.U32(key),
        GgufValueType.Int32 => (int)c.U32(key),
        GgufValueType.Float32 => c.F32(key),
        GgufValueType.Bool => c.U8(key) != 0,
        GgufValueType.String => c.String(key),
        GgufValueType.UInt64 => c.U64(key),
        GgufValueType.Int64 => (long)c.U64(key),
        GgufValueType.Float64 => c.F64(key),
        GgufValueType.Array => ReadArray(ref c, key),
        _ => throw new ModelFormatException($"corrupt GGUF file: metadata '{key}' has unknown value type {(uint)type}."),
    };

    private static object ReadArray(ref GgufCursor c, string key)
    {
        var type = (GgufValueType)c.U32($"element type of '{key}'");
        var n = (int)c.Count($"length of '{key}'", 1);
        switch (type)
        {
            case GgufValueType.String:
                var strings = new string[n];
                for (var i = 0; i < n; i++) strings[i] = c.String(key);
                return strings;
            case GgufValueType.Float32: return Fill(ref c, n, key, static (ref GgufCursor r, string k) => r.F32(k));
            case GgufValueType.Int32: return Fill(ref c, n, key, static (ref GgufCursor r, string k) => (int)r.U32(k));
            case GgufValueType.UInt32: return Fill(ref c, n, key, static (ref GgufCursor r, string k) => r.U32(k));
            case GgufValueType.Int8: return Fill(ref c, n, key, static (ref GgufCursor r, string k) => (sbyte)r.U8(k));
            case GgufValueType.UInt8: return Fill(ref c, n, key, static (ref GgufCursor r, string k) => r.U8(k));
            case GgufValueType.Int16: return Fill(ref c, n, key, static (ref GgufCursor r, string k) => (short)r.U16(k));
            case GgufValueType.UInt16: return Fill(ref c, n, key, static (ref GgufCursor r, string k) => r.U16(k));
            case GgufValueType.Int64: return Fill(ref c, n, key, static (ref GgufCursor r, string k) => (long)r.U64(k));
            case GgufValueType.UInt64: return Fill(ref c, n, key, static (ref GgufCursor r, string k) => r.U64(k));
            case GgufValueType.Float64: return Fill(ref c, n, key, static (ref GgufCursor r, string k) => r.F64(k));
            case GgufValueType.Bool: return Fill(ref c, n, key, static (ref GgufCursor r, string k) => r.U8(k) != 0);
            default:
                var items = new object[n];
                for (var i = 0; i < n; i++) items[i] = ReadValue(ref c, type, key);
                return items;
        }
    }

    private delegate T ElementReader<T>(ref GgufCursor cursor, string key);

    private static T[] Fill<T>(ref GgufCursor c, int n, string key, ElementReader<T> read)
    {
        var items = new T[n];
        for (var i = 0; i < n; i++) items[i] = read(ref c, key);
        return items;
    }
}
