namespace Platform.Grains.Interfaces.Sessions;

/// <summary>
/// Session grain keys are scoped by tenant, so a session id names a different conversation for each tenant and no
/// tenant can read, continue or delete another's. The default tenant's key is the bare id (sessions stored before
/// tenants existed stay reachable); any other tenant's is "{tenant}/{id}", split at the last '/' (ids never hold one).
/// </summary>
public static class SessionKeys
{
    /// <summary>The tenant of requests without per-tenant keys (the API's default tenant id).</summary>
    public const string DefaultTenant = "default";

    /// <summary>The grain key of session <paramref name="sessionId"/> of <paramref name="tenant"/>.</summary>
    public static string For(string tenant, string sessionId)
    {
        if (sessionId.Contains('/'))
            throw new ArgumentException("A session id cannot contain '/'.", nameof(sessionId));
        return tenant == DefaultTenant ? sessionId : $"{tenant}/{sessionId}";
    }

    /// <summary>The tenant and the client's session id a grain key stands for.</summary>
    public static (string Tenant, string SessionId) Parse(string key)
    {
        var slash = key.LastIndexOf('/');
        return slash < 0 ? (DefaultTenant, key) : (key[..slash], key[(slash + 1)..]);
    }
}
