namespace Platform.Runtime.Storage;

/// <summary>A grain storage backend failed (unreachable, bad schema, bad payload); the state was not changed by the failed call.</summary>
public sealed class GrainStorageException(string message, Exception? innerException = null)
    : Exception(message, innerException);
