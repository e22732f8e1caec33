namespace Platform.Engine.Structured.Grammar;

/// <summary>A grammar that would need more automaton states than the compiler allows (e.g. a huge maxLength).</summary>
public sealed class GrammarTooLargeException(string message) : Exception(message);
