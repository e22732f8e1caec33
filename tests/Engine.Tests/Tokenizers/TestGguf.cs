using System.Text;

namespace Platform.Engine.Tests.Tokenizers;

/// <summary>Writes small GGUF v3 files holding only metadata, for vocabulary tests.</summary>
internal static class TestGguf
{
    public static byte[] Build(IReadOnlyDictionary<string, object> metadata)
    {
        using var stream = new MemoryStream();
        using var w = new BinaryWriter(stream, Encoding.UTF8);
        w.Write(0x46554747u); // "GGUF"
        w.Write(3u);
        w.Write(0UL); // tensors
        w.Write((ulong)metadata.Count);
        foreach (var (key, value) in metadata)
        {
            WriteString(w, key);
            WriteValue(w, value);
        }
        while (stream.Length % 32 != 0) w.Write((byte)0);
        w.Flush();
        return stream.ToArray();
    }

    private static void WriteValue(BinaryWriter w, object value)
    {
        switch (value)
        {
            case string s: w.Write(8u); WriteString(w, s); break;
            case bool b: w.Write(7u); w.Write(b ? (byte)1 : (byte)0); break;
            case uint u: w.Write(4u); w.Write(u); break;
            case string[] a: w.Write(9u); w.Write(8u); w.Write((ulong)a.Length); foreach (var s in a) WriteString(w, s); break;
            case int[] a: w.Write(9u); w.Write(5u); w.Write((ulong)a.Length); foreach (var i in a) w.Write(i); break;
            case float[] a: w.Write(9u); w.Write(6u); w.Write((ulong)a.Length); foreach (var f in a) w.Write(f); break;
            default: throw new ArgumentException($"unsupported test value {value.GetType()}");
        }
    }

    private static void WriteString(BinaryWriter w, string s)
    {
        var bytes = Encoding.UTF8.GetBytes(s);
        w.Write((ulong)bytes.Length);
        w.Write(bytes);
    }
}
