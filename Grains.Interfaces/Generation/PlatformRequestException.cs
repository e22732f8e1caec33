namespace Platform.Grains.Interfaces.Generation;

/// <summary>A request the platform refuses, with an OpenAI-style error code the API maps to an HTTP status.</summary>
[GenerateSerializer, Alias("platform.PlatformRequestException")]
public sealed class PlatformRequestException : Exception
{
    /// <summary>Prompt plus max tokens exceed the model's context (400).</summary>
    public const string ContextLengthExceeded = "context_length_exceeded";

    /// <summary>A field value the model cannot honour (400).</summary>
    public const string InvalidValue = "invalid_value";

    /// <summary>No such model is served (404).</summary>
    public const string ModelNotFound = "model_not_found";

    /// <summary>The waiting queue is full (429).</summary>
    public const string QueueFull = "queue_full";

    /// <summary>The model is still loading its weights (503).</summary>
    public const string ModelLoading = "model_loading";

    /// <summary>The model failed to load, is unloading, or its replica cannot be reached (503).</summary>
    public const string ModelUnavailable = "model_unavailable";

    /// <summary>The replica's silo is stopping and takes no new generations; callers route to another replica (503).</summary>
    public const string ReplicaDraining = "replica_draining";

    /// <summary>The session is still answering its previous turn (409).</summary>
    public const string SessionBusy = "session_busy";

    /// <summary>No stored response has the id a request names, for its tenant (404).</summary>
    public const string ResponseNotFound = "response_not_found";

    /// <summary>Grain state could not be read or written (the database is unreachable) (503).</summary>
    public const string StateUnavailable = "state_unavailable";

    public PlatformRequestException(string code, string message, string? param = null) : base(message)
    {
        Code = code;
        Param = param;
    }

    [Id(0)]
    public string Code { get; private set; }

    [Id(1)]
    public string? Param { get; private set; }
}
