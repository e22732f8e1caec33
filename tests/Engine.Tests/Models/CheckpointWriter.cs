using System.Text;
using System.Text.Json;
using Platform.Engine.Formats.Gguf;
using Platform.Engine.Models.Safetensors;
using Platform.Kernels.Numerics;
using Platform.Kernels.Quantization;
using Platform.Kernels.Weights;

namespace Platform.Engine.Tests.Models;

/// <summary>Test helper: reads a safetensors checkpoint into floats and writes GGUF v3 and sharded safetensors files from them.</summary>
internal static unsafe class CheckpointWriter
{
    public sealed record Tensor(string Name, long[] Shape, float[] Values);

    public static List<Tensor> ReadSafetensors(string path)
    {
        using var file = SafetensorsFile.Open(path);
        var tensors = new List<Tensor>();
        foreach (var entry in file.Entries.Values)
        {
            var count = (int)entry.Shape.Aggregate(1L, (a, b) => a * b);
            var values = new float[count];
            var type = entry.DType == "BF16" ? WeightType.BF16 : entry.DType == "F16" ? WeightType.F16 : WeightType.F32;
            fixed (float* v = values) RowDecoder.Decode(type, file.GetData(entry), v, count);
            tensors.Add(new Tensor(entry.Name, entry.Shape, values));
        }
        return tensors;
    }

    /// <summary>llama.cpp's converter order for llama Q/K rows: within each head, rows i and i + d/2 become adjacent (2i, 2i+1).</summary>
    public static float[] PermuteToAdjacentPairs(float[] rows, int heads, int columns)
    {
        var headRows = rows.Length / columns / heads;
        var result = new float[rows.Length];
        for (var h = 0; h < heads; h++)
            for (var i = 0; i < headRows / 2; i++)
            {
                Array.Copy(rows, (h * headRows + i) * columns, result, (h * headRows + 2 * i) * columns, columns);
                Array.Copy(rows, (h * headRows + i + headRows / 2) * columns, result, (h * headRows + 2 * i + 1) * columns, columns);
            }
        return result;
    }

    public static void WriteGguf(string path, IReadOnlyDictionary<string, object> metadata, IEnumerable<(string Name, long[] Shape, GgmlType Type, float[] Values)> tensors)
    {
        using var stream = File.Create(path);
        using var w = new BinaryWriter(stream);
        var list = tensors.ToList();
        w.Write(0x46554747u);
        w.Write(3u);
        w.Write((ulong)list.Count);
        w.Write((ulong)metadata.Count);
        foreach (var (key, value) in metadata)
        {
            WriteString(w, key);
            switch (value)
            {
                case uint u: w.Write(4u); w.Write(u); break;
                case float f: w.Write(6u); w.Write(f); break;
                case string s: w.Write(8u); WriteString(w, s); break;
                default: throw new ArgumentException($"metadata type {value.GetType()}");
            }
        }
        var blobs = list.Select(t => Encode(t.Type, t.Values)).ToList();
        ulong offset = 0;
        for (var i = 0; i < list.Count; i++)
        {
            WriteString(w, list[i].Name);
            w.Write((uint)list[i].Shape.Length);
            foreach (var d in list[i].Shape.Reverse()) w.Write((ulong)d);
            w.Write((uint)list[i].Type);
            w.Write(offset);
            offset += (ulong)((blobs[i].Length + 31) / 32 * 32);
        }
        Pad(w);
        foreach (var blob in blobs)
        {
            w.Write(blob);
            Pad(w);
        }
    }

    /// <summary>Writes the tensors as two safetensors shards plus model.safetensors.index.json.</summary>
    public static void WriteShards(string folder, List<Tensor> tensors)
    {
        var map = new Dictionary<string, string>();
        var halves = new[] { tensors.Where((_, i) => i % 2 == 0).ToList(), tensors.Where((_, i) => i % 2 == 1).ToList() };
        for (var s = 0; s < 2; s++)
        {
            var name = $"model-0000{s + 1}-of-00002.safetensors";
            var header = new Dictionary<string, object>();
            long offset = 0;
            foreach (var t in halves[s])
            {
                header[t.Name] = new { dtype = "F32", shape = t.Shape, data_offsets = new[] { offset, offset + t.Values.Length * 4L } };
                offset += t.Values.Length * 4L;
                map[t.Name] = name;
            }
            var json = Encoding.UTF8.GetBytes(JsonSerializer.Serialize(header));
            using var w = new BinaryWriter(File.Create(Path.Combine(folder, name)));
            w.Write((ulong)json.Length);
            w.Write(json);
            foreach (var t in halves[s])
                foreach (var v in t.Values) w.Write(v);
        }
        File.WriteAllText(Path.Combine(folder, "model.safetensors.index.json"), JsonSerializer.Serialize(new { metadata = new { }, weight_map = map }));
    }

    private static byte[] Encode(GgmlType type, float[] values)
    {
        switch (type)
        {
            case GgmlType.F32:
                return values.SelectMany(BitConverter.GetBytes).ToArray();
            case GgmlType.F16:
                return values.SelectMany(v => BitConverter.GetBytes(HalfConversion.SingleToHalf(v))).ToArray();
            case GgmlType.Q8_0:
            case GgmlType.Q4_0:
                var bytes = new byte[values.Length / 32 * (type == GgmlType.Q8_0 ? 34 : 18)];
                fixed (byte* b = bytes)
                {
                    if (type == GgmlType.Q8_0) WeightQuantizer.QuantizeQ8_0(values, b);
                    else WeightQuantizer.QuantizeQ4_0(values, b);
                }
                return bytes;
            case GgmlType.Q4_K or GgmlType.Q5_K or GgmlType.Q6_K:
                GgmlTypeInfo.TryGetBlock(type, out var elements, out var blockBytes);
                var kBytes = new byte[values.Length / elements * blockBytes];
                fixed (byte* b = kBytes)
                {
                    if (type == GgmlType.Q4_K) KQuantizer.QuantizeQ4_K(values, b);
                    else if (type == GgmlType.Q5_K) KQuantizer.QuantizeQ5_K(values, b);
                    else KQuantizer.QuantizeQ6_K(values, b);
                }
                return kBytes;
            default:
                throw new ArgumentException($"cannot encode {type}");
        }
    }

    private static void WriteString(BinaryWriter w, string s)
    {
        var bytes = Encoding.UTF8.GetBytes(s);
        w.Write((ulong)bytes.Length);
        w.Write(bytes);
    }

    private static void Pad(BinaryWriter w)
    {
        while (w.BaseStream.Position % 32 != 0) w.Write((byte)0);
    }
}
