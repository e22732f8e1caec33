namespace Platform.Engine.Sampling;

/// <summary>Scratch buffers sized to the vocabulary, reused for every row the engine samples (one engine thread).</summary>
public sealed class SamplerWorkspace
{
    /// <summary>Creates buffers for a vocabulary of <paramref name="vocabSize"/> tokens.</summary>
    public SamplerWorkspace(int vocabSize)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(vocabSize);
        Weights = new float[vocabSize];
        Indices = new int[vocabSize];
    }

    /// <summary>Unnormalised probabilities of the row being sampled.</summary>
    public float[] Weights { get; }

    /// <summary>Candidate token ids (heap storage for top-k/top-p).</summary>
    public int[] Indices { get; }
}
