namespace Platform.Engine.Structured;

/// <summary>An output format the engine cannot enforce (unsupported schema keyword, regex syntax, …); the message says what and where.</summary>
public sealed class OutputFormatException(string message, Exception? inner = null) : Exception(message, inner);
