using System.Text.Json;
using System.Text.Json.Nodes;
using Platform.Engine.Formats.Gguf;

namespace Platform.Engine.Templates;

/// <summary>
/// Finds a model's chat template: in a Hugging Face folder (<c>chat_template.jinja</c> or
/// <c>additional_chat_templates/NAME.jinja</c>, <c>tokenizer_config.json</c>'s <c>chat_template</c>, or
/// <c>chat_template.json</c>), in a <c>tokenizer_config.json</c> file, or in a GGUF file's metadata.
/// </summary>
public static class ChatTemplateLoader
{
    private const string DefaultName = "default";

    /// <summary>
    /// Loads the template named <paramref name="templateName"/> (or the default one) and the BOS/EOS strings.
    /// Throws <see cref="FileNotFoundException"/> for a missing path, <see cref="InvalidDataException"/> for malformed JSON,
    /// and <see cref="TemplateException"/> when the model carries no such template.
    /// </summary>
    public static ChatTemplateSource Load(string modelPath, string? templateName = null)
    {
        ArgumentNullException.ThrowIfNull(modelPath);
        if (Directory.Exists(modelPath))
            return LoadFolder(modelPath, templateName);
        if (!File.Exists(modelPath))
            throw new FileNotFoundException($"no model folder or file at '{modelPath}'", modelPath);
        return modelPath.EndsWith(".gguf", StringComparison.OrdinalIgnoreCase)
            ? LoadGguf(modelPath, templateName)
            : LoadTokenizerConfig(modelPath, ReadJson(modelPath), templateName);
    }

    /// <summary>
    /// A template file given instead of the model's own (`--chat-template`), rendered with the model's BOS/EOS strings.
    /// Throws <see cref="IOException"/> or <see cref="UnauthorizedAccessException"/> when the file cannot be read.
    /// </summary>
    public static ChatTemplateSource LoadOverride(string templatePath, string modelPath)
    {
        var text = File.ReadAllText(templatePath);
        var (bos, eos) = SpecialTokens(modelPath);
        return new ChatTemplateSource(text, bos, eos, templatePath);
    }

    /// <summary>The BOS and EOS token strings of a model folder, tokenizer_config.json or GGUF file (null where it names none).</summary>
    public static (string? Bos, string? Eos) SpecialTokens(string modelPath)
    {
        if (modelPath.EndsWith(".gguf", StringComparison.OrdinalIgnoreCase) && File.Exists(modelPath))
        {
            using var gguf = GgufFile.Open(modelPath);
            return GgufSpecialTokens(gguf);
        }
        var configPath = Directory.Exists(modelPath) ? Path.Combine(modelPath, "tokenizer_config.json") : modelPath;
        if (!File.Exists(configPath))
            return (null, null);
        var config = ReadJson(configPath);
        return (TokenText(config, "bos_token"), TokenText(config, "eos_token"));
    }

    private static (string? Bos, string? Eos) GgufSpecialTokens(GgufFile gguf)
    {
        var tokens = gguf.Metadata.TryGetStringArray("tokenizer.ggml.tokens");
        string? Token(string idKey) =>
            gguf.Metadata.TryGetInt(idKey) is { } id && tokens is not null && id >= 0 && id < tokens.Length ? tokens[id] : null;
        return (Token("tokenizer.ggml.bos_token_id"), Token("tokenizer.ggml.eos_token_id"));
    }

    private static ChatTemplateSource LoadFolder(string folder, string? templateName)
    {
        var configPath = Path.Combine(folder, "tokenizer_config.json");
        var config = File.Exists(configPath) ? ReadJson(configPath) : new JsonObject();
        // Newer transformers save the default template beside the config rather than inside it.
        var jinjaPath = templateName is null or DefaultName
            ? Path.Combine(folder, "chat_template.jinja")
            : Path.Combine(folder, "additional_chat_templates", templateName + ".jinja");
        if (File.Exists(jinjaPath))
            return new ChatTemplateSource(File.ReadAllText(jinjaPath), TokenText(config, "bos_token"), TokenText(config, "eos_token"), jinjaPath);
        if (config["chat_template"] is not null)
            return LoadTokenizerConfig(configPath, config, templateName);
        var processorPath = Path.Combine(folder, "chat_template.json");
        if (File.Exists(processorPath) && ReadJson(processorPath)["chat_template"] is { } processorTemplate)
            return new ChatTemplateSource(
                SelectTemplate(processorTemplate, templateName, processorPath), TokenText(config, "bos_token"), TokenText(config, "eos_token"), processorPath);
        throw new TemplateException($"no chat template in '{folder}' (looked for chat_template.jinja, tokenizer_config.json's chat_template, chat_template.json)");
    }

    private static ChatTemplateSource LoadTokenizerConfig(string path, JsonObject config, string? templateName)
    {
        var template = config["chat_template"] ?? throw new TemplateException($"'{path}' has no chat_template");
        return new ChatTemplateSource(SelectTemplate(template, templateName, path), TokenText(config, "bos_token"), TokenText(config, "eos_token"), path);
    }

    private static ChatTemplateSource LoadGguf(string path, string? templateName)
    {
        using var gguf = GgufFile.Open(path);
        var key = templateName is null or DefaultName ? "tokenizer.chat_template" : $"tokenizer.chat_template.{templateName}";
        var template = gguf.Metadata.TryGetString(key)
            ?? throw new TemplateException($"'{path}' has no {key} in its metadata");
        var (bos, eos) = GgufSpecialTokens(gguf);
        return new ChatTemplateSource(template, bos, eos, path);
    }

    /// <summary>A template is either one string or a list of <c>{name, template}</c> entries.</summary>
    private static string SelectTemplate(JsonNode node, string? templateName, string path)
    {
        if (node is JsonValue value && value.GetValueKind() == JsonValueKind.String)
            return templateName is null or DefaultName
                ? value.GetValue<string>()
                : throw new TemplateException($"'{path}' has a single chat template, not one named '{templateName}'");
        if (node is not JsonArray list)
            throw new TemplateException($"'{path}': chat_template must be a string or a list of {{name, template}} objects");
        var wanted = templateName ?? DefaultName;
        var names = new List<string>();
        foreach (var entry in list)
        {
            var name = entry?["name"]?.GetValue<string>();
            if (name is null)
                continue;
            names.Add(name);
            if (name == wanted)
                return entry!["template"]?.GetValue<string>() ?? throw new TemplateException($"'{path}': chat template '{name}' has no template text");
        }
        throw new TemplateException($"'{path}' has no chat template named '{wanted}' (it has: {string.Join(", ", names)})");
    }

    /// <summary>Special tokens appear as plain strings or as AddedToken objects with a <c>content</c> field.</summary>
    private static string? TokenText(JsonObject config, string key) => config[key] switch
    {
        JsonValue value when value.GetValueKind() == JsonValueKind.String => value.GetValue<string>(),
        JsonObject token => token["content"]?.GetValue<string>(),
        _ => null,
    };

    private static JsonObject ReadJson(string path)
    {
        try
        {
            return JsonNode.Parse(File.ReadAllText(path)) as JsonObject ?? throw new InvalidDataException($"'{path}' is not a JSON object");
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"'{path}' is not valid JSON: {e.Message}", e);
        }
    }
}
