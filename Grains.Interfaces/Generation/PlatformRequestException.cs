namespace Platform.Grains.Interfaces.Generation;

/// <summary>A request the platform refuses, with an OpenAI-style error code the API maps to an HTTP status.</summary>
public sealed class PlatformRequestException(string code, string message, string? param = null) : Exception(message)
{
    /// <summary>Prompt plus max tokens exceed the model's context (400).</summary>
    public const string ContextLengthExceeded = "context_length_exceeded";

    /// <summary>A field value the model cannot honour (400).</summary>
    public const string InvalidValue = "invalid_value";

    /// <summary>No such model is served (404).</summary>
    public const string ModelNotFound = "model_not_found";

    /// <summary>The waiting queue is full (429).</summary>
    public const string QueueFull = "queue_full";

    /// <summary>The model is loading or failed to load (503).</summary>
    public const string ModelUnavailable = "model_unavailable";

    /// <summary>The session is still answering its previous turn (409).</summary>
    public const string SessionBusy = "session_busy";

    public string Code { get; } = code;

    public string? Param { get; } = param;
}
