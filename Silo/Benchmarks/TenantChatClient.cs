using System.Diagnostics;

namespace Platform.Silo.Benchmarks;

/// <summary>
/// One user of one tenant chatting turn after turn the OpenAI way: every request resends the system prompt and the whole
/// history with the replies it got back, and carries no session id, so the server has to find the cached prefix itself.
/// </summary>
public sealed class TenantChatClient(StreamingCompletionClient client, TenantWorkload workload)
{
    /// <summary>Runs every turn of (<paramref name="tenant"/>, <paramref name="user"/>) in order; end times count from the Stopwatch timestamp <paramref name="runStarted"/>.</summary>
    public async Task<IReadOnlyList<TenantTurnResult>> ChatAsync(int tenant, int user, long runStarted, CancellationToken cancellationToken)
    {
        var history = new List<BenchMessage> { new("system", workload.SystemPrompt(tenant)) };
        var turns = new List<TenantTurnResult>(workload.Options.Turns);
        for (var turn = 0; turn < workload.Options.Turns; turn++)
        {
            history.Add(new BenchMessage("user", workload.UserMessage(tenant, user, turn)));
            var sent = history.ToArray();
            var completion = await client.SendChatAsync(sent, cancellationToken).ConfigureAwait(false);
            turns.Add(new TenantTurnResult(tenant, user, turn, sent, completion, Stopwatch.GetElapsedTime(runStarted).TotalSeconds));
            history.Add(new BenchMessage("assistant", completion.Text));
        }
        return turns;
    }
}
