namespace Platform.Engine.Models.Weights;

/// <summary>What each checkpoint format calls the tensors of a Llama-family model.</summary>
public sealed record TensorNames(string Embedding, string OutputNorm, string Output, Func<int, string, string> Layer)
{
    /// <summary>Hugging Face names; layer roles are the suffixes after <c>model.layers.{i}.</c>.</summary>
    public static TensorNames HuggingFace { get; } = new("model.embed_tokens.weight", "model.norm.weight", "lm_head.weight",
        (i, role) => $"model.layers.{i}." + role switch
        {
            "q" => "self_attn.q_proj.weight",
            "k" => "self_attn.k_proj.weight",
            "v" => "self_attn.v_proj.weight",
            "o" => "self_attn.o_proj.weight",
            "q_bias" => "self_attn.q_proj.bias",
            "k_bias" => "self_attn.k_proj.bias",
            "v_bias" => "self_attn.v_proj.bias",
            "attn_norm" => "input_layernorm.weight",
            "ffn_norm" => "post_attention_layernorm.weight",
            "gate" => "mlp.gate_proj.weight",
            "up" => "mlp.up_proj.weight",
            "down" => "mlp.down_proj.weight",
            _ => throw new ArgumentOutOfRangeException(nameof(role), role, null),
        });

    /// <summary>llama.cpp's GGUF names.</summary>
    public static TensorNames Gguf { get; } = new("token_embd.weight", "output_norm.weight", "output.weight",
        (i, role) => $"blk.{i}." + role switch
        {
            "q" => "attn_q.weight",
            "k" => "attn_k.weight",
            "v" => "attn_v.weight",
            "o" => "attn_output.weight",
            "q_bias" => "attn_q.bias",
            "k_bias" => "attn_k.bias",
            "v_bias" => "attn_v.bias",
            "attn_norm" => "attn_norm.weight",
            "ffn_norm" => "ffn_norm.weight",
            "gate" => "ffn_gate.weight",
            "up" => "ffn_up.weight",
            "down" => "ffn_down.weight",
            _ => throw new ArgumentOutOfRangeException(nameof(role), role, null),
        });
}
