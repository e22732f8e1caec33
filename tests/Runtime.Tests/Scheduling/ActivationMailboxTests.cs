using Platform.Runtime.Activation;
using Platform.Runtime.Scheduling;

namespace Platform.Runtime.Tests.Scheduling;

public sealed class ActivationMailboxTests
{
    private sealed class Work(bool readOnly = false, bool interleave = false) : GrainWorkItem(readOnly, interleave)
    {
        internal override Task ExecuteAsync(GrainActivation activation) => Task.CompletedTask;

        internal override void Fail(Exception exception)
        {
        }
    }

    [Fact]
    public void A_second_writer_waits_and_starts_when_the_first_finishes()
    {
        var mailbox = new ActivationMailbox(reentrant: false);
        var (first, second) = (new Work(), new Work());

        Assert.True(mailbox.TryStart(first));
        Assert.False(mailbox.TryStart(second));
        mailbox.Enqueue(second);
        Assert.Null(mailbox.TakeStartable());

        mailbox.Finished(first);
        Assert.Equal([second], mailbox.TakeStartable()!);
    }

    [Fact]
    public void Readers_start_together_but_never_beside_a_writer_nor_ahead_of_a_queued_one()
    {
        var mailbox = new ActivationMailbox(reentrant: false);
        var (reader, writer, lateReader) = (new Work(readOnly: true), new Work(), new Work(readOnly: true));

        Assert.True(mailbox.TryStart(reader));
        Assert.True(mailbox.TryStart(new Work(readOnly: true)));
        Assert.False(mailbox.TryStart(writer));
        mailbox.Enqueue(writer);
        // A reader arriving behind a queued writer waits its turn, so writers are not starved.
        Assert.False(mailbox.TryStart(lateReader));
    }

    [Fact]
    public void Always_interleave_work_starts_past_running_and_queued_turns()
    {
        var mailbox = new ActivationMailbox(reentrant: false);
        Assert.True(mailbox.TryStart(new Work()));
        mailbox.Enqueue(new Work());

        Assert.True(mailbox.TryStart(new Work(interleave: true)));
        Assert.Equal(2, mailbox.Running);
    }

    [Fact]
    public void A_reentrant_mailbox_starts_every_item_at_once()
    {
        var mailbox = new ActivationMailbox(reentrant: true);

        Assert.True(mailbox.TryStart(new Work()));
        Assert.True(mailbox.TryStart(new Work()));
        Assert.True(mailbox.TryStart(new Work(readOnly: true)));
    }

    [Fact]
    public void Abandoned_items_are_dropped_instead_of_started()
    {
        var mailbox = new ActivationMailbox(reentrant: false);
        var running = new Work();
        var (abandoned, next) = (new Work(), new Work());
        mailbox.TryStart(running);
        mailbox.Enqueue(abandoned);
        mailbox.Enqueue(next);
        abandoned.Abandon();

        mailbox.Finished(running);

        Assert.Equal([next], mailbox.TakeStartable()!);
        Assert.Equal(0, mailbox.WaitingCount);
    }
}
