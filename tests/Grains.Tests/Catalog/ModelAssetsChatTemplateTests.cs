using Platform.Grains.Catalog;
using Platform.Grains.Interfaces.Generation;
using Platform.Tests;

namespace Platform.Grains.Tests.Catalog;

/// <summary>`--chat-template` and the developer role, on the shared tiny models and the shared Phi-3.5 template.</summary>
public class ModelAssetsChatTemplateTests
{
    private static readonly string TinyLlama = SharedData.Path("models", "tiny-llama");
    private static readonly string TinyQwen = SharedData.Path("models", "tiny-qwen2");
    private static readonly string Phi = SharedData.Path("chat-templates", "microsoft-Phi-3.5-mini-instruct.jinja");
    private static readonly string Qwen25 = SharedData.Path("chat-templates", "Qwen-Qwen2.5-7B-Instruct.jinja");

    private static readonly ChatMessageData[] Conversation =
        [new("developer", "Answer in French.", null), new("user", "Hello", null)];

    [Fact]
    public void AModelWithoutATemplate_RefusesChatWithAMessageNamingTheFlag()
    {
        var assets = ModelAssets.Load(TinyLlama);

        var error = Assert.Throws<PlatformRequestException>(() => assets.RenderChat(Conversation, addGenerationPrompt: true));

        Assert.False(assets.HasChatTemplate);
        Assert.Equal(PlatformRequestException.InvalidValue, error.Code);
        Assert.Contains("--chat-template", error.Message);
    }

    [Fact]
    public void AChatTemplateFile_GivesATemplateToAModelWithout_RenderedWithTheModelsEosToken()
    {
        var assets = ModelAssets.Load(TinyLlama, Phi);

        var prompt = assets.RenderChat([new("user", "Hello", null), new("assistant", "Hi", null)], addGenerationPrompt: false);

        Assert.True(assets.HasChatTemplate);
        // Phi-3.5's template ends a conversation without a generation prompt with eos_token: tiny-llama's "</s>".
        Assert.Equal("<|user|>\nHello<|end|>\n<|assistant|>\nHi<|end|>\n</s>", prompt);
    }

    [Fact]
    public void AChatTemplateFile_OverridesTheModelsOwnTemplate()
    {
        // tiny-qwen2 ships a Phi-3 style template; Qwen2.5's own is ChatML.
        var own = ModelAssets.Load(TinyQwen).RenderChat([new("user", "Hello", null)], addGenerationPrompt: true);
        var overridden = ModelAssets.Load(TinyQwen, Qwen25).RenderChat([new("user", "Hello", null)], addGenerationPrompt: true);

        Assert.Equal("<|user|>\nHello<|end|>\n<|assistant|>\n", own);
        Assert.Contains("<|im_start|>user\nHello<|im_end|>\n<|im_start|>assistant\n", overridden);
    }

    [Fact]
    public void ADeveloperMessage_ReachesATemplateThatKnowsOnlySystem_AsASystemMessage()
    {
        var prompt = ModelAssets.Load(TinyLlama, Phi).RenderChat(Conversation, addGenerationPrompt: true);

        Assert.Equal("<|system|>\nAnswer in French.<|end|>\n<|user|>\nHello<|end|>\n<|assistant|>\n", prompt);
    }

    [Fact]
    public void ADeveloperMessage_StaysDeveloperForATemplateThatNamesTheRole()
    {
        var template = Path.Combine(Path.GetTempPath(), $"developer-aware-{Guid.NewGuid():N}.jinja");
        File.WriteAllText(template, "{% for m in messages %}[{{ m['role'] }}] {{ m['content'] }}\n{% endfor %}{# developer is rendered as given #}");
        try
        {
            var prompt = ModelAssets.Load(TinyLlama, template).RenderChat(Conversation, addGenerationPrompt: true);

            Assert.Equal("[developer] Answer in French.\n[user] Hello\n", prompt);
        }
        finally
        {
            File.Delete(template);
        }
    }
}
