using Microsoft.Extensions.DependencyInjection;
using Platform.Runtime.Membership;
using Platform.Runtime.Messaging;
using Platform.Runtime.Placement;
using Platform.Runtime.Tests.Activation;
using Platform.Runtime.Tests.Support;

namespace Platform.Runtime.Tests.Placement;

public sealed class PlacementRoutingTests
{
    /// <summary>A cluster view in which this silo is draining: only another silo takes new activations.</summary>
    private sealed class DrainingMembership : IClusterMembership
    {
        public SiloAddress LocalSilo { get; } = new("local", 1, 1);
        public IReadOnlyList<SiloAddress> ActiveSilos { get; } = [new SiloAddress("other", 2, 1)];
    }

    [Fact]
    public void Prefer_local_placement_picks_the_local_silo_while_it_is_active()
    {
        var membership = new SingleSiloMembership();

        Assert.Equal(membership.LocalSilo, new PreferLocalPlacementDirector().Place(new GrainId("t", "k"), membership));
    }

    [Fact]
    public async Task A_grain_placed_on_another_silo_goes_through_the_transport_which_reports_it_unreachable()
    {
        await using var silo = await TestSilo.StartAsync(runtime: b =>
        {
            b.Services.AddSingleton<IClusterMembership, DrainingMembership>();
            b.Services.AddSingleton(new Journal());
        });

        var error = await Assert.ThrowsAsync<SiloUnavailableException>(() => silo.Grains.GetGrain<ICounterGrain>("elsewhere").Get());

        Assert.Equal("other", error.Silo.Host);
        Assert.Equal(0, silo.ActivationCount);
    }
}
