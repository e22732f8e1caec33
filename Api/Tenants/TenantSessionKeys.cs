namespace Platform.Api.Tenants;

/// <summary>
/// The session grain behind a session id: for a tenant of the key file its own namespace (`{tenant}/{id}`: neither a
/// tenant id nor a session id may contain '/', so no two tenants' keys meet), so one tenant can neither read, delete
/// nor continue another's conversation of the same id. Untracked requests keep the bare id.
/// </summary>
public static class TenantSessionKeys
{
    public static string Of(TenantIdentity tenant, string sessionId) => tenant.IsTracked ? $"{tenant.Id}/{sessionId}" : sessionId;
}
