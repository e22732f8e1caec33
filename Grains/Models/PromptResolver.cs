using Platform.Grains.Catalog;
using Platform.Grains.Interfaces.Generation;

namespace Platform.Grains.Models;

/// <summary>Turns a job's prompt (chat messages, text or ids) into token ids, refusing what the model cannot take.</summary>
internal static class PromptResolver
{
    public static int[] Resolve(ModelAssets assets, GenerationJob job)
    {
        int[] ids;
        if (job.PromptTokenIds is { } given)
        {
            ids = [.. given];
            var vocab = assets.Tokenizer.VocabSize;
            foreach (var id in ids)
                if ((uint)id >= (uint)vocab)
                    throw new PlatformRequestException(PlatformRequestException.InvalidValue,
                        $"Token id {id} is outside the model's vocabulary (0..{vocab - 1}).", "prompt");
        }
        else if (job.Messages is { } messages)
            ids = assets.EncodeChat(assets.RenderChat(messages, addGenerationPrompt: true));
        else
            ids = assets.Tokenizer.Encode(job.PromptText ?? "", addSpecialTokens: true);
        foreach (var id in job.StopTokenIds)
            if ((uint)id >= (uint)assets.Tokenizer.VocabSize)
                throw new PlatformRequestException(PlatformRequestException.InvalidValue,
                    $"stop_token_ids has {id}, outside the model's vocabulary (0..{assets.Tokenizer.VocabSize - 1}).", "stop_token_ids");
        if (job.Sampling.LogitBias is { } bias)
            foreach (var id in bias.Keys)
                if ((uint)id >= (uint)assets.Tokenizer.VocabSize)
                    throw new PlatformRequestException(PlatformRequestException.InvalidValue,
                        $"logit_bias has token id {id}, outside the model's vocabulary (0..{assets.Tokenizer.VocabSize - 1}).", "logit_bias");
        if (ids.Length == 0)
            throw new PlatformRequestException(PlatformRequestException.InvalidValue,
                "The prompt is empty after tokenization and this tokenizer adds no BOS token; give at least one token.", "prompt");
        return ids;
    }

    /// <summary>Refuses prompts that leave no room to generate, with OpenAI's wording and code.</summary>
    public static void CheckContext(int promptTokens, int? maxTokens, int maxModelLength)
    {
        var requested = (long)promptTokens + (maxTokens ?? 1);
        if (promptTokens >= maxModelLength || requested > maxModelLength)
            throw ContextExceeded(promptTokens, maxTokens, maxModelLength, atLeast: false);
    }

    /// <summary>OpenAI's context_length_exceeded; <paramref name="atLeast"/> when the prompt was only bounded, not counted.</summary>
    public static PlatformRequestException ContextExceeded(long promptTokens, int? maxTokens, int maxModelLength, bool atLeast)
    {
        var requested = promptTokens + (maxTokens ?? 1);
        var more = atLeast ? "at least " : "";
        return new PlatformRequestException(PlatformRequestException.ContextLengthExceeded,
            $"This model's maximum context length is {maxModelLength} tokens. However, you requested {more}{requested} tokens " +
            $"({more}{promptTokens} in the prompt, {maxTokens ?? 1} for the completion). Please reduce the length of the prompt or completion.",
            "messages");
    }
}
