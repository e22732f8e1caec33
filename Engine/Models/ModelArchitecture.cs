namespace Platform.Engine.Models;

/// <summary>The decoder architectures the engine runs; all are Llama-shaped (RMSNorm, RoPE, SwiGLU, GQA).</summary>
public enum ModelArchitecture
{
    Llama,
    Mistral,
    /// <summary>Llama plus biases on the Q, K and V projections.</summary>
    Qwen2,
}
