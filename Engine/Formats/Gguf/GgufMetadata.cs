using System.Diagnostics.CodeAnalysis;

namespace Platform.Engine.Formats.Gguf;

/// <summary>A GGUF file's key/value metadata with typed accessors; scalars are boxed CLR primitives, arrays are typed CLR arrays.</summary>
public sealed class GgufMetadata(string path, Dictionary<string, object> values)
{
    public IReadOnlyDictionary<string, object> Values => values;

    public bool Contains(string key) => values.ContainsKey(key);

    public bool TryGet(string key, [NotNullWhen(true)] out object? value) => values.TryGetValue(key, out value);

    public string GetString(string key) => TryGetString(key) ?? throw Missing(key, "string");

    public string? TryGetString(string key) => values.TryGetValue(key, out var v) ? v as string ?? throw WrongType(key, v, "string") : null;

    public long GetInt(string key) => TryGetInt(key) ?? throw Missing(key, "integer");

    public long? TryGetInt(string key)
    {
        if (!values.TryGetValue(key, out var v)) return null;
        return v switch
        {
            byte b => b, sbyte sb => sb, ushort us => us, short s => s, uint ui => ui, int i => i, ulong ul => checked((long)ul), long l => l,
            _ => throw WrongType(key, v, "integer"),
        };
    }

    public uint GetUInt32(string key) => checked((uint)GetInt(key));

    public float GetFloat(string key) => TryGetFloat(key) ?? throw Missing(key, "number");

    public float? TryGetFloat(string key)
    {
        if (!values.TryGetValue(key, out var v)) return null;
        return v switch
        {
            float f => f, double d => (float)d,
            _ when TryGetInt(key) is { } i => i,
            _ => throw WrongType(key, v, "number"),
        };
    }

    public bool? TryGetBool(string key) => values.TryGetValue(key, out var v) ? v as bool? ?? throw WrongType(key, v, "bool") : null;

    public string[] GetStringArray(string key) => TryGetStringArray(key) ?? throw Missing(key, "string array");

    public string[]? TryGetStringArray(string key) => values.TryGetValue(key, out var v) ? v as string[] ?? throw WrongType(key, v, "string array") : null;

    public float[]? TryGetFloatArray(string key) => values.TryGetValue(key, out var v) ? v as float[] ?? throw WrongType(key, v, "float array") : null;

    /// <summary>An integer array of any stored width, widened to int.</summary>
    public int[]? TryGetIntArray(string key)
    {
        if (!values.TryGetValue(key, out var v)) return null;
        return v switch
        {
            int[] a => a,
            uint[] a => Array.ConvertAll(a, x => checked((int)x)),
            sbyte[] a => Array.ConvertAll(a, x => (int)x),
            byte[] a => Array.ConvertAll(a, x => (int)x),
            short[] a => Array.ConvertAll(a, x => (int)x),
            ushort[] a => Array.ConvertAll(a, x => (int)x),
            long[] a => Array.ConvertAll(a, x => checked((int)x)),
            _ => throw WrongType(key, v, "integer array"),
        };
    }

    private ModelFormatException Missing(string key, string type) => new($"{path}: GGUF metadata has no {type} '{key}'.");

    private ModelFormatException WrongType(string key, object value, string type) =>
        new($"{path}: GGUF metadata '{key}' is {value.GetType().Name}, expected {type}.");
}
