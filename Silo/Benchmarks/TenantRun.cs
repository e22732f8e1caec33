using System.Diagnostics;

namespace Platform.Silo.Benchmarks;

/// <summary>One run of the tenant workload against one server: every user's turns and the run's wall time.</summary>
public sealed record TenantRun(IReadOnlyList<TenantTurnResult> Turns, double WallSeconds)
{
    /// <summary>
    /// Lets every user chat, at most <see cref="TenantWorkloadOptions.ConcurrentUsers"/> at once, user i through <paramref name="entries"/>[i mod n]
    /// as a load balancer in front of several API nodes would; the first failure stops the others.
    /// </summary>
    public static async Task<TenantRun> RunAsync(IReadOnlyList<HttpClient> entries, string model, TenantWorkload workload, CancellationToken cancellationToken)
    {
        var chats = entries.Select(http => new TenantChatClient(new StreamingCompletionClient(http, model, workload.Options.MaxTokens, chat: true), workload)).ToList();
        using var gate = new SemaphoreSlim(workload.Options.ConcurrentUsers);
        using var failed = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var started = Stopwatch.GetTimestamp();
        var users = workload.Users().Select(async (u, i) =>
        {
            await gate.WaitAsync(failed.Token).ConfigureAwait(false);
            try
            {
                return await chats[i % chats.Count].ChatAsync(u.Tenant, u.User, started, failed.Token).ConfigureAwait(false);
            }
            catch
            {
                failed.Cancel();
                throw;
            }
            finally
            {
                gate.Release();
            }
        }).ToArray();
        try
        {
            var done = await Task.WhenAll(users).ConfigureAwait(false);
            return new TenantRun(done.SelectMany(d => d).ToList(), Stopwatch.GetElapsedTime(started).TotalSeconds);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            // Task.WhenAll rethrows the first task's exception, which may be a cancellation the real failure caused.
            throw users.Select(u => u.Exception?.InnerException).FirstOrDefault(e => e is not null and not OperationCanceledException) ?? throw new InvalidOperationException("the run was cancelled.");
        }
    }
}
