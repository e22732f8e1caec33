namespace Platform.Api.Hosting;

/// <summary>Something the service needs besides its grains (the cluster's database), which `/health` checks on every probe.</summary>
public interface IDependencyCheck
{
    /// <summary>Null when reachable, else a message for operators that names no hosts or credentials.</summary>
    Task<string?> CheckAsync(CancellationToken ct);
}
