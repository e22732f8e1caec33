using Platform.Runtime.Streams;
using static Platform.Runtime.Tests.Streams.StreamTestKit;

namespace Platform.Runtime.Tests.Streams;

/// <summary>Resuming after a seen event: the rest exactly once and in order, or a clear error when it is gone.</summary>
public sealed class StreamResumeTests
{
    [Fact]
    public async Task ResumingFromASeenEventDeliversTheLaterOnesExactlyOnceInOrder()
    {
        var (provider, _) = NewProvider();
        var stream = provider.NewIntStream();
        var tokens = await stream.PublishAsync(Enumerable.Range(1, 10));

        var resumed = await stream.SubscribeAsync(tokens[3]);
        await stream.PublishAsync([11, 12]);
        await stream.OnCompletedAsync();

        var events = await resumed.ReadToEndAsync();
        Assert.Equal(Range(5, 12), events.Sequences());
        Assert.Equal(Enumerable.Range(5, 8), events.Select(e => e.Item));
    }

    [Fact]
    public async Task ResumingFromTheBeginningReplaysTheWholeBufferedStream()
    {
        var (provider, _) = NewProvider();
        var stream = provider.NewIntStream();
        await stream.PublishAsync([1, 2, 3]);

        var subscription = await stream.SubscribeAsync(StreamSequenceToken.Beginning);
        await stream.OnCompletedAsync();

        Assert.Equal(Range(1, 3), (await subscription.ReadToEndAsync()).Sequences());
    }

    [Fact]
    public async Task ResumingWhileFourPublishersRunDeliversEveryLaterEventOnceInOrder()
    {
        const int publishers = 4, perPublisher = 100, total = publishers * perPublisher;
        var (provider, _) = NewProvider(o => { o.BufferSize = total; o.SubscriberCapacity = 8; });
        var stream = provider.NewIntStream();
        // Not read until the resume happened: it fills up and holds the publishers mid-stream.
        var holdingBack = await stream.SubscribeAsync();
        var resumePoint = new TaskCompletionSource<StreamSequenceToken>(TaskCreationOptions.RunContinuationsAsynchronously);
        var publishing = Enumerable.Range(0, publishers).Select(p => Task.Run(async () =>
        {
            for (var i = 0; i < perPublisher; i++)
            {
                var token = await stream.OnNextAsync(p * perPublisher + i);
                if (token.SequenceNumber >= 5)
                    resumePoint.TrySetResult(token);
            }
        })).ToList();

        var from = await resumePoint.Task;
        var resumed = await stream.SubscribeAsync(from);
        var readingResumed = resumed.ReadToEndAsync();
        var readingAll = holdingBack.ReadToEndAsync();
        await Task.WhenAll(publishing);
        await stream.OnCompletedAsync();
        var all = await readingAll;
        var later = await readingResumed;

        Assert.Equal(Range(1, total), all.Sequences());
        Assert.Equal(Range(from.SequenceNumber + 1, total), later.Sequences());
        Assert.Equal(all.Skip((int)from.SequenceNumber), later);
        for (var p = 0; p < publishers; p++)
        {
            var own = all.Select(e => e.Item).Where(item => item / perPublisher == p);
            Assert.Equal(Enumerable.Range(p * perPublisher, perPublisher), own);
        }
    }

    [Fact]
    public async Task ResumingFromAnEventThatLeftTheBufferIsAnExplicitDataLoss()
    {
        var (provider, _) = NewProvider(o => o.BufferSize = 4);
        var stream = provider.NewIntStream();
        var tokens = await stream.PublishAsync(Enumerable.Range(1, 10));

        var error = await Assert.ThrowsAsync<StreamDataLossException>(async () => await stream.SubscribeAsync(tokens[2]));
        Assert.Contains("#4", error.Message);
        Assert.Equal(tokens[2], error.ResumeFrom);

        var stillBuffered = await stream.SubscribeAsync(tokens[5]);
        await stream.OnCompletedAsync();
        Assert.Equal(Range(7, 10), (await stillBuffered.ReadToEndAsync()).Sequences());
    }

    [Fact]
    public async Task ResumingAfterAnEventNotYetPublishedIsRejected()
    {
        var (provider, _) = NewProvider();
        var stream = provider.NewIntStream();
        var tokens = await stream.PublishAsync([1, 2]);

        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(
            async () => await stream.SubscribeAsync(tokens[1] with { SequenceNumber = 3 }));
    }

    [Fact]
    public async Task TokenOfADroppedStreamIsDataLossOnTheStreamThatReplacedIt()
    {
        var time = new ManualTimeProvider();
        var (provider, transport) = NewProvider(o => o.CompletedRetention = TimeSpan.FromSeconds(10), time);
        var stream = provider.NewIntStream();
        var tokens = await stream.PublishAsync([1, 2, 3]);
        await stream.OnCompletedAsync();
        time.Advance(TimeSpan.FromSeconds(11));
        Assert.Equal(1, transport.CollectIdleStreams());

        await stream.PublishAsync([1, 2, 3]);
        await Assert.ThrowsAsync<StreamDataLossException>(async () => await stream.SubscribeAsync(tokens[0]));
    }
}
