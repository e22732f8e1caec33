namespace Platform.Grains.Interfaces.Generation;

/// <summary>
/// Recognises a failure of the grain state store (PostgreSQL) anywhere in an exception chain, including one that
/// crossed silos as Orleans' fallback exception (which keeps only the original type's name). Their messages name hosts
/// and SQL, so callers answer with a message of their own.
/// </summary>
public static class StateStoreFailures
{
    /// <summary>True when the error or one of its inner exceptions is the state store's failure.</summary>
    public static bool IsStateStore(Exception error)
    {
        for (Exception? e = error; e is not null; e = e.InnerException)
        {
            var name = e.GetType().FullName ?? "";
            if (name.StartsWith("Npgsql", StringComparison.Ordinal) || name.StartsWith("Orleans.Storage", StringComparison.Ordinal)
                || e.Message.Contains("Npgsql", StringComparison.Ordinal) || e is System.Net.Sockets.SocketException)
                return true;
        }
        return false;
    }
}
