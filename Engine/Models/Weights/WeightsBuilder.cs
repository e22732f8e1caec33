using Platform.Engine.Formats;
using Platform.Kernels.Numerics;
using Platform.Kernels.Weights;

namespace Platform.Engine.Models.Weights;

/// <summary>Binds a checkpoint's tensors to <see cref="ModelWeights"/>, checking every name, shape and type against the config.</summary>
public static unsafe class WeightsBuilder
{
    public static ModelWeights Build(ITensorSource source, TensorNames names, ModelConfig c)
    {
        var q = c.NumHeads * c.HeadDim;
        var kv = c.NumKvHeads * c.HeadDim;
        var layers = new LayerWeights[c.NumLayers];
        for (var i = 0; i < c.NumLayers; i++)
        {
            string N(string role) => names.Layer(i, role);
            layers[i] = new LayerWeights
            {
                AttentionNorm = Vector(source, N("attn_norm"), c.HiddenSize),
                Query = Matrix(source, N("q"), q, c.HiddenSize),
                Key = Matrix(source, N("k"), kv, c.HiddenSize),
                Value = Matrix(source, N("v"), kv, c.HiddenSize),
                Output = Matrix(source, N("o"), c.HiddenSize, q),
                QueryBias = c.AttentionBias ? Vector(source, N("q_bias"), q) : null,
                KeyBias = c.AttentionBias ? Vector(source, N("k_bias"), kv) : null,
                ValueBias = c.AttentionBias ? Vector(source, N("v_bias"), kv) : null,
                FeedForwardNorm = Vector(source, N("ffn_norm"), c.HiddenSize),
                Gate = Matrix(source, N("gate"), c.IntermediateSize, c.HiddenSize),
                Up = Matrix(source, N("up"), c.IntermediateSize, c.HiddenSize),
                Down = Matrix(source, N("down"), c.HiddenSize, c.IntermediateSize),
            };
        }
        var embedding = Matrix(source, names.Embedding, c.VocabSize, c.HiddenSize);
        var output = source.TryGet(names.Output, out _) && !c.TieWordEmbeddings
            ? Matrix(source, names.Output, c.VocabSize, c.HiddenSize)
            : c.TieWordEmbeddings ? embedding
            : throw new ModelFormatException($"{source.Description}: tensor '{names.Output}' is missing and the config does not tie embeddings.");
        return new ModelWeights
        {
            TokenEmbedding = embedding,
            Layers = layers,
            OutputNorm = Vector(source, names.OutputNorm, c.HiddenSize),
            Output = output,
        };
    }

    private static TensorView Require(ITensorSource source, string name) =>
        source.TryGet(name, out var tensor) ? tensor : throw new ModelFormatException($"{source.Description}: tensor '{name}' is missing.");

    private static WeightMatrix Matrix(ITensorSource source, string name, int rows, int columns)
    {
        var t = Require(source, name);
        if (t.Shape.Length != 2 || t.Shape[0] != rows || t.Shape[1] != columns)
            throw new ModelFormatException($"{source.Description}: tensor '{name}' has shape {t.ShapeText}; the config needs [{rows}, {columns}].");
        if (columns % WeightTypeInfo.BlockElements(t.Type) != 0)
            throw new ModelFormatException($"{source.Description}: tensor '{name}' rows of {columns} do not fill whole {t.Type} blocks.");
        // F16 decode converts weights assuming they are finite (exact then, and half the work); a checkpoint with inf or
        // NaN weights is broken anyway, so it is refused here rather than computed wrongly.
        if (t.Type == WeightType.F16 && !HalfConversion.AllFinite((ushort*)t.Data, (long)rows * columns))
            throw new ModelFormatException($"{source.Description}: tensor '{name}' holds infinite or NaN F16 values.");
        return new WeightMatrix(t.Data, t.Type, rows, columns);
    }

    private static float[] Vector(ITensorSource source, string name, int length)
    {
        var t = Require(source, name);
        if (t.Shape.Length != 1 || t.Shape[0] != length)
            throw new ModelFormatException($"{source.Description}: tensor '{name}' has shape {t.ShapeText}; the config needs [{length}].");
        if (WeightTypeInfo.IsQuantized(t.Type))
            throw new ModelFormatException($"{source.Description}: tensor '{name}' is {t.Type}; vectors must be F32, F16 or BF16.");
        var values = new float[length];
        fixed (float* destination = values)
            RowDecoder.Decode(t.Type, t.Data, destination, length);
        return values;
    }
}
