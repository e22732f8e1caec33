using System.Text.Json.Nodes;
using Platform.Engine.Models;
using Platform.Engine.Tokenizers;

namespace Platform.Silo.Benchmarks;

/// <summary>A temporary Hugging Face-style folder for a random-weight Llama of a given shape: `config.json` plus a borrowed tokenizer; deleted on dispose.</summary>
public sealed class ShapeModelFolder : IDisposable
{
    // A plain template so --chat works with tokenizers that ship none; the benchmark measures serving, not the template.
    private const string FallbackChatTemplate =
        "{% for m in messages %}<|{{ m.role }}|>\n{{ m.content }}\n{% endfor %}{% if add_generation_prompt %}<|assistant|>\n{% endif %}";

    private ShapeModelFolder(string path) => Path = path;

    public string Path { get; }

    /// <summary>Parses `hidden,layers,heads,kv_heads,ffn,vocab` into a validated Llama config.</summary>
    public static ModelConfig ParseShape(string shape)
    {
        var dims = shape.Split(',', StringSplitOptions.TrimEntries)
            .Select(s => int.TryParse(s, out var v) ? v : throw new ArgumentException($"--shape: '{s}' is not a number."))
            .ToArray();
        if (dims.Length != 6)
            throw new ArgumentException("--shape needs six numbers: hidden,layers,heads,kv_heads,ffn,vocab.");
        var config = ModelConfig.ForShape(dims[0], dims[1], dims[2], dims[3], dims[4], dims[5]);
        config.Validate();
        return config;
    }

    /// <summary>Writes the folder for <paramref name="config"/> with the tokenizer at <paramref name="tokenizerPath"/> (a `tokenizer.json`, whose `tokenizer_config.json` sibling comes along when present).</summary>
    public static ShapeModelFolder Create(ModelConfig config, string tokenizerPath)
    {
        if (!File.Exists(tokenizerPath))
            throw new ArgumentException($"--tokenizer: no file at '{tokenizerPath}' (give a tokenizer.json).");
        var tokenizer = TokenizerLoader.Load(tokenizerPath);
        if (tokenizer.VocabSize > config.VocabSize)
            throw new ArgumentException($"--shape vocab {config.VocabSize} is smaller than the tokenizer's {tokenizer.VocabSize} tokens; the model could not embed them.");
        var folder = new ShapeModelFolder(Directory.CreateTempSubdirectory("platform-bench-serve").FullName);
        try
        {
            File.WriteAllText(System.IO.Path.Combine(folder.Path, "config.json"), ConfigJson(config).ToJsonString());
            File.Copy(tokenizerPath, System.IO.Path.Combine(folder.Path, "tokenizer.json"));
            var tokenizerConfig = System.IO.Path.Combine(System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(tokenizerPath))!, "tokenizer_config.json");
            var hasTemplate = false;
            if (File.Exists(tokenizerConfig))
            {
                File.Copy(tokenizerConfig, System.IO.Path.Combine(folder.Path, "tokenizer_config.json"));
                hasTemplate = JsonNode.Parse(File.ReadAllText(tokenizerConfig))?["chat_template"] is not null;
            }
            if (!hasTemplate)
                File.WriteAllText(System.IO.Path.Combine(folder.Path, "chat_template.jinja"), FallbackChatTemplate);
            return folder;
        }
        catch
        {
            folder.Dispose();
            throw;
        }
    }

    public void Dispose() => Directory.Delete(Path, recursive: true);

    private static JsonObject ConfigJson(ModelConfig c) => new()
    {
        ["architectures"] = new JsonArray("LlamaForCausalLM"),
        ["model_type"] = "llama",
        ["hidden_size"] = c.HiddenSize,
        ["num_hidden_layers"] = c.NumLayers,
        ["num_attention_heads"] = c.NumHeads,
        ["num_key_value_heads"] = c.NumKvHeads,
        ["intermediate_size"] = c.IntermediateSize,
        ["vocab_size"] = c.VocabSize,
        ["rms_norm_eps"] = c.RmsNormEps,
        ["rope_theta"] = c.RopeTheta,
        ["max_position_embeddings"] = c.MaxPositionEmbeddings,
        ["tie_word_embeddings"] = false,
        ["hidden_act"] = "silu",
    };
}
