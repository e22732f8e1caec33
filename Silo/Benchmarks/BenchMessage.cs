namespace Platform.Silo.Benchmarks;

/// <summary>One chat message a benchmark client sends: `system`, `user` or `assistant`, and its text.</summary>
public sealed record BenchMessage(string Role, string Content);
