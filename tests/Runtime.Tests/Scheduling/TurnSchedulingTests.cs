using Microsoft.Extensions.DependencyInjection;
using Platform.Runtime.Tests.Support;

namespace Platform.Runtime.Tests.Scheduling;

public sealed class TurnSchedulingTests
{
    private readonly Journal journal = new();

    private Task<TestSilo> StartAsync(TimeSpan? callTimeout = null) =>
        TestSilo.StartAsync(o => o.CallTimeout = callTimeout ?? o.CallTimeout, b => b.Services.AddSingleton(journal));

    [Fact]
    public async Task A_non_reentrant_grain_never_runs_two_turns_at_once_across_awaits()
    {
        await using var silo = await StartAsync();
        var grain = silo.Grains.GetGrain<IProbeGrain>("serial");

        await Task.WhenAll(Enumerable.Range(0, 40).Select(_ => Task.Run(() => grain.Work(awaits: 3))));

        Assert.Equal(1, await grain.MaxInside());
    }

    [Fact]
    public async Task A_reentrant_grain_interleaves_turns_at_await_points()
    {
        await using var silo = await StartAsync();
        var grain = silo.Grains.GetGrain<IReentrantProbeGrain>("interleaved");

        // Each call waits until three are inside at once: only interleaving lets them finish.
        await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => grain.WaitForCompany(3)));
    }

    [Fact]
    public async Task A_call_stuck_behind_a_blocked_turn_times_out_naming_grain_and_method_and_never_runs()
    {
        await using var silo = await StartAsync(TimeSpan.FromMilliseconds(300));
        var grain = silo.Grains.GetGrain<IProbeGrain>("stuck");
        var blocked = grain.BlockUntilReleased("a");
        await Eventually.True(() => journal.Entries.Contains("block:a:start"), "the blocking turn started");

        var timeout = await Assert.ThrowsAsync<GrainCallTimeoutException>(() => grain.Write("late"));

        Assert.Contains("IProbeGrain.Write", timeout.Message);
        Assert.Contains("probe/stuck", timeout.Message);
        await grain.Release();
        await Assert.ThrowsAsync<GrainCallTimeoutException>(() => blocked);
        await grain.Write("after");
        Assert.DoesNotContain("write:late:start", journal.Entries);
    }

    [Fact]
    public async Task Read_only_turns_interleave_with_each_other()
    {
        await using var silo = await StartAsync();
        var grain = silo.Grains.GetGrain<IProbeGrain>("readers");

        await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => grain.ReadWaitingForCompany(3)));
    }

    [Fact]
    public async Task Read_only_turns_never_interleave_with_a_writer()
    {
        await using var silo = await StartAsync();
        var grain = silo.Grains.GetGrain<IProbeGrain>("mixed");
        // A blocked writer holds the grain while the mix queues up behind it.
        var blocked = grain.BlockUntilReleased("w0");
        await Eventually.True(() => journal.Entries.Contains("block:w0:start"), "the blocking writer started");
        var mix = new[] { grain.Read("r1"), grain.Read("r2"), grain.Write("w2").ContinueWith(_ => ""), grain.Read("r3") };

        await grain.Release();
        await Task.WhenAll(mix.Append(blocked.ContinueWith(_ => "")));

        var entries = journal.Entries;
        Assert.Equal(["block:w0:start", "release", "block:w0:end", "read:r1:start", "read:r2:start"], entries.Take(5));
        // The two readers end in whichever order their delays finish, but both before the writer starts.
        Assert.Equal(["read:r1:end", "read:r2:end"], entries.Skip(5).Take(2).Order());
        Assert.Equal(["write:w2:start", "write:w2:end", "read:r3:start", "read:r3:end"], entries.Skip(7));
    }

    [Fact]
    public async Task An_always_interleave_method_runs_while_a_turn_is_blocked()
    {
        await using var silo = await StartAsync(TimeSpan.FromSeconds(5));
        var grain = silo.Grains.GetGrain<IProbeGrain>("gate");

        var blocked = grain.BlockUntilReleased("a");
        await Eventually.True(() => journal.Entries.Contains("block:a:start"), "the blocking turn started");
        await grain.Release();
        await blocked;

        Assert.Equal(["block:a:start", "release", "block:a:end"], journal.Entries);
    }

    [Fact]
    public async Task An_ordinary_call_waits_behind_a_blocked_turn()
    {
        await using var silo = await StartAsync(TimeSpan.FromSeconds(5));
        var grain = silo.Grains.GetGrain<IProbeGrain>("queue");

        var blocked = grain.BlockUntilReleased("a");
        await Eventually.True(() => journal.Entries.Contains("block:a:start"), "the blocking turn started");
        var write = grain.Write("w");
        // The write is queued behind the blocked turn; the order asserted at the end proves it did not start before the release.
        Assert.DoesNotContain("write:w:start", journal.Entries);

        await grain.Release();
        await Task.WhenAll(blocked, write);
        Assert.Equal(["block:a:start", "release", "block:a:end", "write:w:start", "write:w:end"], journal.Entries);
    }
}
