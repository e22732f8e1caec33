using Platform.Grains.Tenants;

namespace Platform.Grains.Tests.Tenants;

public class RequestLeasesTests
{
    static readonly DateTimeOffset T0 = new(2026, 12, 6, 21, 0, 0, TimeSpan.Zero);

    [Fact]
    public void ALeaseNeverRenewed_FreesItsSlotWhenItLapses_SoACrashedNodeLeaksNoSlotForever()
    {
        var leases = new RequestLeases();
        leases.Open(T0.AddMinutes(1));
        leases.Open(T0.AddMinutes(2));

        Assert.Equal(2, leases.Count(T0.AddSeconds(59)));
        Assert.Equal(1, leases.Count(T0.AddMinutes(1)));
        Assert.Equal(0, leases.Count(T0.AddMinutes(2)));
    }

    [Fact]
    public void ARenewedLease_HoldsItsSlotPastItsFirstExpiry_ButALapsedOneCannotBeRenewed()
    {
        var leases = new RequestLeases();
        var renewed = leases.Open(T0.AddMinutes(1));
        var lapsed = leases.Open(T0.AddMinutes(1));

        Assert.True(leases.Renew(renewed, T0.AddSeconds(20), T0.AddSeconds(80)));
        Assert.Equal(1, leases.Count(T0.AddSeconds(70)));
        Assert.False(leases.Renew(lapsed, T0.AddSeconds(70), T0.AddSeconds(130)));
        Assert.Equal(1, leases.Count(T0.AddSeconds(70)));
    }

    [Fact]
    public void ClosingALease_FreesItsSlotAtOnce_AndClosingTwiceIsHarmless()
    {
        var leases = new RequestLeases();
        var lease = leases.Open(T0.AddMinutes(1));

        leases.Close(lease);
        leases.Close(lease);

        Assert.Equal(0, leases.Count(T0));
        Assert.False(leases.Renew(lease, T0, T0.AddMinutes(1)));
    }
}
