using Platform.Grains.Interfaces.Tenants;

namespace Platform.Api.Tests.Endpoints.Support;

/// <summary>A tenant whose admissions follow the test's <see cref="ScriptedBackend.Admission"/>; it records every admission, renewal and settlement.</summary>
public sealed class ScriptedTenantGrain(ScriptedBackend backend) : Grain, ITenantGrain
{
    public Task<TenantAdmission> Admit(TenantLimits limits)
    {
        var admission = backend.Admission(limits);
        backend.Admissions.Enqueue((this.GetPrimaryKeyString(), limits, admission));
        return Task.FromResult(admission);
    }

    public Task<bool> Renew(Guid lease)
    {
        backend.Renewals.Enqueue(lease);
        return Task.FromResult(true);
    }

    public Task Settle(Guid lease, TenantTokens used)
    {
        backend.Settlements.Enqueue((lease, used));
        return Task.CompletedTask;
    }

    public Task<TenantUsageReport> GetUsage() => throw new NotSupportedException("The scripted tenant reports no usage.");
}
