using Orleans.Concurrency;
using Platform.Grains.Interfaces.Generation;
using Platform.Grains.Interfaces.Models;

namespace Platform.Api.Tests.Endpoints.Support;

/// <summary>A deployment with one replica, "{model}/0", and the status the test's <see cref="ScriptedBackend"/> gives; its tokenizer maps each character to its code.</summary>
[Reentrant]
public sealed class ScriptedDeploymentGrain(ScriptedBackend backend) : Grain, IDeploymentGrain
{
    public const int MaxModelLength = 2048;

    string Model => this.GetPrimaryKeyString();

    /// <summary>The key of <paramref name="model"/>'s only replica.</summary>
    public static string ReplicaOf(string model) => $"{model}/0";

    public Task<RouteDecision> Route(RouteRequest request) => Task.FromResult(new RouteDecision(ReplicaOf(Model)));

    public Task PublishPrefixBlocks(string replicaKey, bool reset, ulong[] cached, ulong[] evicted) => Task.CompletedTask;

    public Task Report(ReplicaStatus status) => Task.CompletedTask;

    public Task ReplicaUnreachable(string replicaKey) => Task.CompletedTask;

    public Task ReplicaFailed(string replicaKey)
    {
        backend.FailedReplicas.Enqueue(replicaKey);
        return Task.CompletedTask;
    }

    public Task ReplicaStarted(string replicaKey) => Task.CompletedTask;

    public Task<int> Warm(string silo) => Task.FromResult(0);

    public Task<ModelDescription> Describe() =>
        Task.FromResult(new ModelDescription(Model, 1_700_000_000, "platform", MaxModelLength, "test"));

    public Task<DeploymentStatus> GetStatus() => Task.FromResult(backend.Status(Model));

    public Task<TokenizeResult> Tokenize(TokenizeInput input)
    {
        var text = input.Prompt ?? string.Concat(input.Messages!.Select(m => $"<{m.Role}>{m.Content}"));
        var ids = text.Select(c => (int)c);
        return Task.FromResult(new TokenizeResult((input.AddSpecialTokens ? ids.Prepend(1) : ids).ToList(), MaxModelLength));
    }

    public Task<string> Detokenize(IReadOnlyList<int> tokenIds) => Task.FromResult(new string(tokenIds.Select(id => (char)id).ToArray()));
}
