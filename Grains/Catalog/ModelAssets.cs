using System.Text.Json.Nodes;
using Platform.Engine.Formats;
using Platform.Engine.Models;
using Platform.Engine.Models.Configuration;
using Platform.Engine.Formats.Gguf;
using Platform.Engine.Templates;
using Platform.Engine.Tokenizers;
using Platform.Grains.Interfaces.Generation;

namespace Platform.Grains.Catalog;

/// <summary>What every grain of a model needs besides the weights: configuration, tokenizer and chat template (cheap to load, shared).</summary>
public sealed class ModelAssets
{
    private readonly ChatTemplate? _template;
    private readonly ChatTemplateSource? _templateSource;
    private readonly bool _developerAsSystem;

    private ModelAssets(ModelConfig config, ITokenizer tokenizer, ChatTemplateSource? templateSource)
    {
        Config = config;
        Tokenizer = tokenizer;
        _templateSource = templateSource;
        _template = templateSource?.Parse();
        _developerAsSystem = templateSource is not null && DeveloperRole.TemplateLacksIt(templateSource.Template);
        _lengthBound = new Lazy<PromptLengthBound>(() => new PromptLengthBound(tokenizer));
    }

    private readonly Lazy<PromptLengthBound> _lengthBound;

    /// <summary>The cheap lower bound on a prompt's tokens, checked before tokenizing it.</summary>
    public PromptLengthBound LengthBound => _lengthBound.Value;

    public ModelConfig Config { get; }

    public ITokenizer Tokenizer { get; }

    public bool HasChatTemplate => _template is not null;

    /// <summary>
    /// Reads config, tokenizer and chat template of a model folder or GGUF file; <paramref name="chatTemplatePath"/>
    /// (`--chat-template`) replaces the model's template, or gives one to a model that ships none.
    /// </summary>
    public static ModelAssets Load(string path, string? chatTemplatePath = null)
    {
        var config = File.Exists(path) ? ReadGgufConfig(path) : HfConfigReader.Read(path);
        var tokenizer = TokenizerLoader.Load(path);
        ChatTemplateSource? template = null;
        if (chatTemplatePath is not null)
            template = ChatTemplateLoader.LoadOverride(chatTemplatePath, path);
        else
        {
            try
            {
                template = ChatTemplateLoader.Load(path);
            }
            catch (TemplateException)
            {
                // A model without a chat template still serves completions; chat requests get a clear 400.
            }
        }
        return new ModelAssets(config, tokenizer, template);
    }

    /// <summary>Renders chat messages with the model's template; template errors become 400s naming the template's message.</summary>
    public string RenderChat(IReadOnlyList<ChatMessageData> messages, bool addGenerationPrompt)
    {
        if (_template is null)
            throw new PlatformRequestException(PlatformRequestException.InvalidValue,
                "This model has no chat template (tokenizer_config.json or GGUF tokenizer.chat_template); use /v1/completions, or start the server with --chat-template FILE.", "messages");
        var array = new JsonArray();
        foreach (var m in messages)
        {
            var role = _developerAsSystem && m.Role == DeveloperRole.Name ? "system" : m.Role;
            var node = new JsonObject { ["role"] = role, ["content"] = m.Content };
            if (m.Name is not null)
                node["name"] = m.Name;
            array.Add(node);
        }
        try
        {
            return _template.Render(new ChatTemplateContext
            {
                Messages = array,
                AddGenerationPrompt = addGenerationPrompt,
                BosToken = _templateSource!.BosToken,
                EosToken = _templateSource.EosToken,
            });
        }
        catch (TemplateException error)
        {
            throw new PlatformRequestException(PlatformRequestException.InvalidValue, $"The chat template refused the messages: {error.Message}", "messages");
        }
    }

    /// <summary>Chat prompts are encoded without added special tokens: templates write BOS themselves (as vLLM does).</summary>
    public int[] EncodeChat(string rendered) => Tokenizer.Encode(rendered, addSpecialTokens: false);

    private static ModelConfig ReadGgufConfig(string path)
    {
        using var gguf = GgufFile.Open(path);
        return GgufConfigReader.Read(gguf);
    }
}
