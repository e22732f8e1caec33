using Platform.Kernels.Positional;

namespace Platform.Engine.Models;

/// <summary>The shape and hyper-parameters of a Llama-family decoder, read from config.json or GGUF metadata.</summary>
public sealed record ModelConfig
{
    public required ModelArchitecture Architecture { get; init; }
    public required int HiddenSize { get; init; }
    public required int NumLayers { get; init; }
    public required int NumHeads { get; init; }
    public required int NumKvHeads { get; init; }
    public required int HeadDim { get; init; }
    public required int IntermediateSize { get; init; }
    public required int VocabSize { get; init; }
    public float RmsNormEps { get; init; } = 1e-5f;
    public double RopeTheta { get; init; } = 10000;
    public int MaxPositionEmbeddings { get; init; } = 2048;
    public bool TieWordEmbeddings { get; init; }
    /// <summary>Whether Q, K and V projections carry biases (Qwen2).</summary>
    public bool AttentionBias { get; init; }
    public RopeStyle RopeStyle { get; init; } = RopeStyle.NeoX;
    public RopeScaling? RopeScaling { get; init; }
    /// <summary>0 = full attention; otherwise each token sees only this many most recent positions (Mistral v0.1).</summary>
    public int SlidingWindow { get; init; }
    public int? BosTokenId { get; init; }
    public IReadOnlyList<int> EosTokenIds { get; init; } = [];

    /// <summary>A config for a Llama of the given shape (used for random-weight models).</summary>
    public static ModelConfig ForShape(int hidden, int layers, int heads, int kvHeads, int intermediate, int vocab) => new()
    {
        Architecture = ModelArchitecture.Llama,
        HiddenSize = hidden,
        NumLayers = layers,
        NumHeads = heads,
        NumKvHeads = kvHeads,
        HeadDim = heads > 0 ? hidden / heads : 0,
        IntermediateSize = intermediate,
        VocabSize = vocab,
        MaxPositionEmbeddings = 8192,
    };

    /// <summary>Throws <see cref="ArgumentException"/> naming the first inconsistent field.</summary>
    public void Validate()
    {
        Positive(HiddenSize, nameof(HiddenSize));
        Positive(NumLayers, nameof(NumLayers));
        Positive(NumHeads, nameof(NumHeads));
        Positive(NumKvHeads, nameof(NumKvHeads));
        Positive(HeadDim, nameof(HeadDim));
        Positive(IntermediateSize, nameof(IntermediateSize));
        Positive(VocabSize, nameof(VocabSize));
        if (NumHeads % NumKvHeads != 0)
            throw new ArgumentException($"NumHeads ({NumHeads}) must be a multiple of NumKvHeads ({NumKvHeads}).");
        if (HeadDim % 2 != 0)
            throw new ArgumentException($"HeadDim ({HeadDim}) must be even for RoPE.");
        if (!(RmsNormEps > 0) || !(RopeTheta > 0))
            throw new ArgumentException($"RmsNormEps ({RmsNormEps}) and RopeTheta ({RopeTheta}) must be positive.");
    }

    private static void Positive(int value, string name)
    {
        if (value <= 0) throw new ArgumentException($"{name} must be positive; got {value}.");
    }
}
