namespace Platform.Engine.Generation;

/// <summary>A request the engine cannot run; <see cref="Code"/> is a stable machine-readable reason.</summary>
public sealed class RequestRejectedException : Exception
{
    /// <summary>The prompt (plus max_tokens) does not fit the model's context or the KV pool.</summary>
    public const string ContextLengthExceeded = "context_length_exceeded";

    /// <summary>The prompt is missing, empty without a BOS token, or holds ids outside the vocabulary.</summary>
    public const string InvalidPrompt = "invalid_prompt";

    /// <summary>A sampling or stop setting is out of range.</summary>
    public const string InvalidParameter = "invalid_parameter";

    /// <summary>The engine is shut down or failed.</summary>
    public const string EngineUnavailable = "engine_unavailable";

    /// <summary>Creates the exception with a code and a message for the client.</summary>
    public RequestRejectedException(string code, string message, Exception? inner = null) : base(message, inner) => Code = code;

    /// <summary>The reason, one of the constants of this class.</summary>
    public string Code { get; }
}
