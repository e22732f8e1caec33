namespace Platform.Silo.Benchmarks;

/// <summary>The `usage` of a stream's usage chunk: prompt and completion tokens, and how many prompt tokens came from the prefix cache.</summary>
/// <param name="Cached">`usage.prompt_tokens_details.cached_tokens`; 0 when the server does not report it.</param>
public readonly record struct ChunkUsage(int Prompt, int Completion, int Cached = 0);
