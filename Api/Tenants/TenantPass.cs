using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Platform.Api.Endpoints;
using Platform.Api.Hosting;
using Platform.Api.OpenAI.Errors;
using Platform.Api.OpenAI.Responses;
using Platform.Grains.Interfaces.Tenants;

namespace Platform.Api.Tenants;

/// <summary>
/// A generation request's admission by its tenant grain: one call to admit (or a 429 with `Retry-After`), the lease
/// renewed while the request runs longer than a renewal period, and one call on dispose that settles the tokens it used.
/// Requests of untracked tenants (the single `--api-key`, or no key) pass without any grain call.
/// </summary>
internal sealed class TenantPass : IAsyncDisposable
{
    /// <summary>The pass of every untracked request: settles nothing.</summary>
    static readonly TenantPass Untracked = new(null, Guid.Empty, TimeSpan.Zero, null);

    readonly ITenantGrain? _grain;
    readonly Guid _lease;
    readonly ILogger? _logger;
    readonly CancellationTokenSource? _stopRenewing;
    readonly Task _renewing = Task.CompletedTask;

    TenantPass(ITenantGrain? grain, Guid lease, TimeSpan renewEvery, ILogger? logger)
    {
        _grain = grain;
        _lease = lease;
        _logger = logger;
        if (grain is null)
            return;
        _stopRenewing = new CancellationTokenSource();
        _renewing = RenewAsync(renewEvery, _stopRenewing.Token);
    }

    /// <summary>The tokens the request used, counted when the pass is disposed; nothing when it failed before any usage was known.</summary>
    public CompletionUsage? Used { get; set; }

    /// <summary>The request's pass, or null once the tenant's refusal (429 with `Retry-After`) was written.</summary>
    public static async Task<TenantPass?> AdmitAsync(HttpContext http, ApiServices api)
    {
        var tenant = http.Tenant();
        if (tenant.Limits is not { } limits)
            return Untracked;
        var grain = api.Grains.GetGrain<ITenantGrain>(tenant.Id);
        var admission = await grain.Admit(limits);
        if (admission.Refusal is { } refusal)
        {
            http.Response.Headers.RetryAfter = Math.Max(1, refusal.RetryAfterSeconds).ToString(System.Globalization.CultureInfo.InvariantCulture);
            await http.WriteErrorAsync(new ApiError(StatusCodes.Status429TooManyRequests, refusal.Message, refusal.Type, null, refusal.Code));
            return null;
        }
        return new TenantPass(grain, admission.Lease, admission.RenewEvery, api.Logger);
    }

    async Task RenewAsync(TimeSpan every, CancellationToken ct)
    {
        try
        {
            while (true)
            {
                await Task.Delay(every, ct);
                if (!await _grain!.Renew(_lease))
                    _logger!.LogWarning("The concurrency lease of a running request lapsed before it was renewed.");
            }
        }
        catch (OperationCanceledException)
        {
        }
        catch (Exception error)
        {
            // The lease then lapses on its own; the request itself carries on.
            _logger!.LogWarning("A tenant lease could not be renewed ({Error}).", error.GetType().Name);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_grain is null)
            return;
        await _stopRenewing!.CancelAsync();
        await _renewing;
        _stopRenewing.Dispose();
        var used = Used is { } u ? new TenantTokens(u.PromptTokens, u.PromptTokensDetails?.CachedTokens ?? 0, u.CompletionTokens) : TenantTokens.Zero;
        try
        {
            await _grain.Settle(_lease, used);
        }
        catch (Exception error)
        {
            // The response is already written: the slot comes back when its lease lapses, the tokens go uncounted.
            _logger!.LogWarning("The usage of a request could not be settled with its tenant ({Error}).", error.GetType().Name);
        }
    }
}
