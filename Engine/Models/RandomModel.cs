using System.Runtime.InteropServices;
using Platform.Engine.Models.Weights;
using Platform.Kernels.Numerics;
using Platform.Kernels.Quantization;
using Platform.Kernels.Weights;

namespace Platform.Engine.Models;

/// <summary>A model of any shape with seeded random weights (for benchmarks and <c>--load-format dummy</c>); nothing is read from disk.</summary>
public static unsafe class RandomModel
{
    public static LoadedModel Create(ModelConfig config, WeightType weightType, int seed)
    {
        config.Validate();
        var random = new Random(seed);
        var memory = new NativeBlocks();
        try
        {
            WeightMatrix M(int rows, int columns) => memory.Matrix(random, weightType, rows, columns);
            float[] Ones(int n) => Enumerable.Repeat(1f, n).ToArray();
            float[]? Bias(int n) => config.AttentionBias ? Enumerable.Range(0, n).Select(_ => (float)(random.NextDouble() - 0.5) * 0.1f).ToArray() : null;
            var q = config.NumHeads * config.HeadDim;
            var kv = config.NumKvHeads * config.HeadDim;
            var layers = new LayerWeights[config.NumLayers];
            for (var i = 0; i < layers.Length; i++)
            {
                layers[i] = new LayerWeights
                {
                    AttentionNorm = Ones(config.HiddenSize),
                    Query = M(q, config.HiddenSize),
                    Key = M(kv, config.HiddenSize),
                    Value = M(kv, config.HiddenSize),
                    Output = M(config.HiddenSize, q),
                    QueryBias = Bias(q),
                    KeyBias = Bias(kv),
                    ValueBias = Bias(kv),
                    FeedForwardNorm = Ones(config.HiddenSize),
                    Gate = M(config.IntermediateSize, config.HiddenSize),
                    Up = M(config.IntermediateSize, config.HiddenSize),
                    Down = M(config.HiddenSize, config.IntermediateSize),
                };
            }
            var embedding = M(config.VocabSize, config.HiddenSize);
            var weights = new ModelWeights
            {
                TokenEmbedding = embedding,
                Layers = layers,
                OutputNorm = Ones(config.HiddenSize),
                Output = config.TieWordEmbeddings ? embedding : M(config.VocabSize, config.HiddenSize),
            };
            return new LoadedModel(config, $"random:{weightType}:seed={seed}", weights, memory);
        }
        catch
        {
            memory.Dispose();
            throw;
        }
    }

    /// <summary>Native allocations of a random model, freed with it.</summary>
    private sealed class NativeBlocks : IDisposable
    {
        private readonly List<nint> _blocks = [];

        public WeightMatrix Matrix(Random random, WeightType type, int rows, int columns)
        {
            if (columns % WeightTypeInfo.BlockElements(type) != 0)
                throw new ArgumentException($"{type} weights need dimensions that are multiples of {WeightTypeInfo.BlockElements(type)}; a matrix here has {columns} columns.");
            var rowBytes = WeightTypeInfo.RowBytes(type, columns);
            var data = (byte*)NativeMemory.AlignedAlloc((nuint)(rowBytes * rows), 64);
            _blocks.Add((nint)data);
            var row = new float[columns];
            var scale = 1f / MathF.Sqrt(columns);
            for (var r = 0; r < rows; r++)
            {
                for (var i = 0; i < columns; i++) row[i] = (float)(random.NextDouble() * 2 - 1) * scale * 1.7f;
                Encode(type, row, data + r * rowBytes);
            }
            return new WeightMatrix(data, type, rows, columns);
        }

        private static void Encode(WeightType type, float[] row, byte* destination)
        {
            switch (type)
            {
                case WeightType.F32:
                    row.AsSpan().CopyTo(new Span<float>(destination, row.Length));
                    break;
                case WeightType.F16:
                    for (var i = 0; i < row.Length; i++) ((ushort*)destination)[i] = HalfConversion.SingleToHalf(row[i]);
                    break;
                case WeightType.BF16:
                    for (var i = 0; i < row.Length; i++) ((ushort*)destination)[i] = HalfConversion.SingleToBFloat16(row[i]);
                    break;
                case WeightType.Q8_0:
                    WeightQuantizer.QuantizeQ8_0(row, destination);
                    break;
                case WeightType.Q4_0:
                    WeightQuantizer.QuantizeQ4_0(row, destination);
                    break;
                case WeightType.Q4_K:
                    KQuantizer.QuantizeQ4_K(row, destination);
                    break;
                case WeightType.Q5_K:
                    KQuantizer.QuantizeQ5_K(row, destination);
                    break;
                case WeightType.Q6_K:
                    KQuantizer.QuantizeQ6_K(row, destination);
                    break;
            }
        }

        public void Dispose()
        {
            foreach (var block in _blocks) NativeMemory.AlignedFree((void*)block);
            _blocks.Clear();
        }
    }
}
