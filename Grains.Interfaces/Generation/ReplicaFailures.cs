using Orleans.Runtime;

namespace Platform.Grains.Interfaces.Generation;

/// <summary>Tells transport failures (a replica's silo died or cannot be reached) from refusals, and words them for clients.</summary>
public static class ReplicaFailures
{
    /// <summary>Whether <paramref name="error"/> means the grain's silo could not be reached, as opposed to the grain refusing.</summary>
    public static bool IsUnreachable(Exception error) => error switch
    {
        SiloUnavailableException or OrleansMessageRejectionException or TimeoutException => true,
        AggregateException { InnerException: { } inner } => IsUnreachable(inner),
        _ => false,
    };

    /// <summary>The error chunk a stream ends with when its replica was lost after it started.</summary>
    public static GenerationError ToError(Exception error) => IsUnreachable(error)
        ? new GenerationError(PlatformRequestException.ModelUnavailable, "The replica running this generation became unreachable (its silo failed); retry the request.")
        : error is PlatformRequestException refused
            ? new GenerationError(refused.Code, refused.Message)
            // The exception's own message may name hosts, tables or a database's reply: only its type goes to the client.
            : new GenerationError("internal_error", $"The generation failed ({error.GetType().Name}); retry the request.");
}
