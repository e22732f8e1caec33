namespace Platform.Engine.Structured.Regex;

/// <summary>A pattern outside the supported regular-expression subset, or malformed.</summary>
public sealed class UnsupportedRegexException(string message) : Exception(message);
