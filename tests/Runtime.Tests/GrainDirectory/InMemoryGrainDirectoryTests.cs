using Platform.Runtime.GrainDirectory;
using Platform.Runtime.Membership;

namespace Platform.Runtime.Tests.GrainDirectory;

public sealed class InMemoryGrainDirectoryTests
{
    private static readonly SiloAddress Silo = new("host", 1, 1);
    private static readonly GrainId Grain = new("counter", "a");

    [Fact]
    public async Task The_first_registration_wins_and_later_ones_are_told_the_winner()
    {
        var directory = new InMemoryGrainDirectory();
        var first = new GrainAddress(Grain, Silo, Guid.NewGuid());
        var second = new GrainAddress(Grain, Silo with { Port = 2 }, Guid.NewGuid());

        Assert.Equal(first, await directory.RegisterAsync(first));
        Assert.Equal(first, await directory.RegisterAsync(second));
        Assert.Equal(first, await directory.LookupAsync(Grain));
    }

    [Fact]
    public async Task Unregistering_a_stale_activation_leaves_the_current_entry_alone()
    {
        var directory = new InMemoryGrainDirectory();
        var current = new GrainAddress(Grain, Silo, Guid.NewGuid());
        await directory.RegisterAsync(current);

        await directory.UnregisterAsync(current with { ActivationId = Guid.NewGuid() });
        Assert.Equal(current, await directory.LookupAsync(Grain));

        await directory.UnregisterAsync(current);
        Assert.Null(await directory.LookupAsync(Grain));
    }
}
