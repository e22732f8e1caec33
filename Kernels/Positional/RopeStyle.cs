namespace Platform.Kernels.Positional;

/// <summary>Which elements of a head vector RoPE rotates together.</summary>
public enum RopeStyle
{
    /// <summary>Rotate-half (GPT-NeoX, Hugging Face checkpoints, Qwen2 GGUF): element i pairs with i + d/2.</summary>
    NeoX,
    /// <summary>Adjacent pairs (original Llama, llama GGUF files): element 2i pairs with 2i + 1.</summary>
    Interleaved,
}
