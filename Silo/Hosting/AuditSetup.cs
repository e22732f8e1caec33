using Platform.Api.Audit;

namespace Platform.Silo.Hosting;

/// <summary>Builds the API's audit options from the flags: opens the JSONL file now (a path that cannot be written fails the start).</summary>
internal static class AuditSetup
{
    public static AuditOptions? Create(ServeOptions options)
    {
        var audit = options.Audit;
        if (!audit.IsOn || options.Role == HostRole.Silo)
            return null;
        IAuditSink sink = audit.Postgres ? new PostgresAuditSink(options.Cluster.ConnectionString) : OpenFile(audit.FilePath!);
        return new AuditOptions { Sink = sink, Content = audit.Content, Prices = audit.Prices, QueueCapacity = audit.QueueCapacity };
    }

    private static JsonlAuditSink OpenFile(string path)
    {
        try
        {
            return JsonlAuditSink.Open(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new IOException($"--audit-log: cannot write '{path}': {e.Message}", e);
        }
    }
}
