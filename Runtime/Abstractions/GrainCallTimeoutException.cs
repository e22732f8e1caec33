namespace Platform.Runtime;

/// <summary>A grain call got no response within the call timeout (a slow grain or a call cycle between non-reentrant grains).</summary>
public sealed class GrainCallTimeoutException(GrainId grainId, string methodName, TimeSpan timeout)
    : TimeoutException($"Call to {methodName} on grain {grainId} timed out after {timeout}. A call cycle between non-reentrant grains ends this way.")
{
    public GrainId GrainId { get; } = grainId;
    public string MethodName { get; } = methodName;
    public TimeSpan Timeout { get; } = timeout;
}
