namespace Platform.Silo.Benchmarks;

/// <summary>One chat request of the tenant workload: whose turn it was, what was sent, and what the stream measured.</summary>
/// <param name="Sent">The messages of the request: system prompt, then the history, ending with this turn's user message.</param>
/// <param name="EndSeconds">When the stream ended, from the start of the run.</param>
public sealed record TenantTurnResult(int Tenant, int User, int Turn, IReadOnlyList<BenchMessage> Sent, StreamedCompletion Completion, double EndSeconds);
