using Platform.Api.OpenAI.Responses;
using Platform.Grains.Interfaces.Generation;

namespace Platform.Api.Generation;

/// <summary>Adds up the usage of a response's choices: each prompt's tokens once, every choice's completion tokens.</summary>
internal sealed class UsageTally
{
    readonly Dictionary<int, (int Prompt, int Cached)> _prompts = [];
    int _completion;

    /// <summary>Counts a finished choice; without reported usage (an aborted generation) its counted tokens stand in.</summary>
    public void Add(RunningChoice choice, TokenUsage? usage, int generatedTokens)
    {
        var prompt = usage is null ? (0, 0) : (usage.PromptTokens, usage.CachedTokens);
        _prompts.TryAdd(choice.Plan.PromptGroup, prompt);
        _completion += usage?.CompletionTokens ?? generatedTokens;
    }

    public CompletionUsage ToUsage() =>
        CompletionUsage.Of(_prompts.Values.Sum(p => p.Prompt), _completion, _prompts.Values.Sum(p => p.Cached));
}
