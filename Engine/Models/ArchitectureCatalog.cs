using Platform.Engine.Formats;

namespace Platform.Engine.Models;

/// <summary>Maps the names checkpoints use (Hugging Face class names, GGUF <c>general.architecture</c>) to <see cref="ModelArchitecture"/>.</summary>
public static class ArchitectureCatalog
{
    private static readonly Dictionary<string, ModelArchitecture> HuggingFace = new(StringComparer.Ordinal)
    {
        ["LlamaForCausalLM"] = ModelArchitecture.Llama,
        ["MistralForCausalLM"] = ModelArchitecture.Mistral,
        ["Qwen2ForCausalLM"] = ModelArchitecture.Qwen2,
    };

    private static readonly Dictionary<string, ModelArchitecture> Gguf = new(StringComparer.Ordinal)
    {
        ["llama"] = ModelArchitecture.Llama,
        ["mistral"] = ModelArchitecture.Mistral,
        ["qwen2"] = ModelArchitecture.Qwen2,
    };

    public static ModelArchitecture FromHuggingFace(string path, string name) =>
        HuggingFace.TryGetValue(name, out var a) ? a
        : throw new ModelFormatException($"{path}: architecture '{name}' is not supported; supported: {string.Join(", ", HuggingFace.Keys)}.");

    public static ModelArchitecture FromGguf(string path, string name) =>
        Gguf.TryGetValue(name, out var a) ? a
        : throw new ModelFormatException($"{path}: GGUF architecture '{name}' is not supported; supported: {string.Join(", ", Gguf.Keys)}.");
}
