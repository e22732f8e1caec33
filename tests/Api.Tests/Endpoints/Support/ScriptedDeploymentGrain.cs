using Platform.Grains.Interfaces.Generation;
using Platform.Grains.Interfaces.Models;
using Platform.Runtime.Grains;

namespace Platform.Api.Tests.Endpoints.Support;

/// <summary>A deployment whose generations follow the test's <see cref="ScriptedBackend"/>; its tokenizer maps each character to its code.</summary>
public sealed class ScriptedDeploymentGrain(ScriptedBackend backend) : Grain, IDeploymentGrain
{
    public const int MaxModelLength = 2048;

    public Task<GenerationStarted> Generate(GenerationJob job) => backend.GenerateAsync(job);

    public Task<ModelDescription> Describe() =>
        Task.FromResult(new ModelDescription(GetPrimaryKeyString(), 1_700_000_000, "platform", MaxModelLength, "test"));

    public Task<DeploymentStatus> GetStatus() => Task.FromResult(backend.Status(GetPrimaryKeyString()));

    public Task<TokenizeResult> Tokenize(TokenizeInput input)
    {
        var text = input.Prompt ?? string.Concat(input.Messages!.Select(m => $"<{m.Role}>{m.Content}"));
        var ids = text.Select(c => (int)c);
        return Task.FromResult(new TokenizeResult((input.AddSpecialTokens ? ids.Prepend(1) : ids).ToList(), MaxModelLength));
    }

    public Task<string> Detokenize(IReadOnlyList<int> tokenIds) => Task.FromResult(new string(tokenIds.Select(id => (char)id).ToArray()));
}
