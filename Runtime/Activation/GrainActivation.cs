using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Platform.Runtime.GrainDirectory;
using Platform.Runtime.Grains;
using Platform.Runtime.Messaging;
using Platform.Runtime.Scheduling;
using Platform.Runtime.Timers;

namespace Platform.Runtime.Activation;

/// <summary>One live instance of a grain: its mailbox, its turn admission rules, and its activate/deactivate lifecycle.</summary>
internal sealed class GrainActivation
{
    private static readonly Func<object?, Task> RunTurnCallback = static state => ((TurnStart)state!).Run();
    private static readonly Func<object?, Task> ActivateCallback = static state => ((GrainActivation)state!).ActivateAsync();
    private static readonly Func<object?, Task> DeactivateCallback = static state => ((GrainActivation)state!).DeactivateAsync();

    private readonly Lock gate = new();
    private readonly ActivationMailbox mailbox;
    private readonly ActivationCatalog catalog;
    private readonly TaskCompletionSource deactivated = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly List<GrainTimer> timers = [];
    private ActivationState state = ActivationState.Created;
    private bool deactivationRequested;
    private DeactivationReason deactivationReason;
    private long lastActiveTimestamp;
    private long keepAliveUntilTimestamp;
    private IServiceScope? scope;

    public GrainActivation(GrainId id, GrainClassInfo grainClass, ActivationServices services, ActivationCatalog catalog)
    {
        Id = id;
        Class = grainClass;
        Services = services;
        this.catalog = catalog;
        mailbox = new ActivationMailbox(grainClass.IsReentrant);
        Address = new GrainAddress(id, services.Membership.LocalSilo, Guid.NewGuid());
        lastActiveTimestamp = services.Time.GetTimestamp();
    }

    public GrainId Id { get; }
    public GrainClassInfo Class { get; }
    public ActivationServices Services { get; }
    public GrainAddress Address { get; }
    public ActivationTaskScheduler Scheduler { get; } = new();

    /// <summary>The grain object; set once construction succeeded.</summary>
    public object? Instance { get; private set; }

    /// <summary>Completes when the activation has deactivated (or failed to activate).</summary>
    public Task Deactivated => deactivated.Task;

    /// <summary>True once the activation accepts no more work.</summary>
    public bool IsGone
    {
        get
        {
            lock (gate)
                return state is ActivationState.Deactivated or ActivationState.Failed;
        }
    }

    /// <summary>Queues or starts the item; false when this activation is gone and the item must go elsewhere.</summary>
    public bool TryEnqueue(GrainWorkItem item)
    {
        var activate = false;
        var start = false;
        lock (gate)
        {
            switch (state)
            {
                case ActivationState.Created:
                    state = ActivationState.Activating;
                    mailbox.Enqueue(item);
                    activate = true;
                    break;
                case ActivationState.Valid when !deactivationRequested && mailbox.TryStart(item):
                    start = true;
                    break;
                case ActivationState.Activating or ActivationState.Valid or ActivationState.Deactivating:
                    // Queued behind the turn(s) in progress; work queued at a deactivating activation moves on afterwards.
                    mailbox.Enqueue(item);
                    break;
                default:
                    return false;
            }
            if (item.CountsAsActivity)
                lastActiveTimestamp = Services.Time.GetTimestamp();
        }
        if (activate)
            TurnStarter.Start(Scheduler, ActivateCallback, this);
        if (start)
            StartTurn(item);
        return true;
    }

    /// <summary>Asks the activation to deactivate once its running turns finish; queued calls then go to a fresh activation.</summary>
    public Task RequestDeactivation(DeactivationReason reason)
    {
        var start = false;
        lock (gate)
        {
            switch (state)
            {
                case ActivationState.Created:
                    state = ActivationState.Deactivated;
                    catalog.Remove(this);
                    deactivated.TrySetResult();
                    break;
                case ActivationState.Activating or ActivationState.Valid when !deactivationRequested:
                    deactivationRequested = true;
                    deactivationReason = reason;
                    if (state == ActivationState.Valid && mailbox.Running == 0)
                    {
                        state = ActivationState.Deactivating;
                        start = true;
                    }
                    break;
            }
        }
        if (start)
            TurnStarter.Start(Scheduler, DeactivateCallback, this);
        return deactivated.Task;
    }

    /// <summary>Keeps the collector away from this activation for at least the given time.</summary>
    public void DelayDeactivation(TimeSpan duration)
    {
        lock (gate)
            keepAliveUntilTimestamp = Services.Time.GetTimestamp() + (long)(duration.TotalSeconds * Services.Time.TimestampFrequency);
    }

    /// <summary>True when the collector may deactivate this activation now.</summary>
    public bool IsIdleLongerThanCollectionAge(long now)
    {
        lock (gate)
        {
            if (state != ActivationState.Valid || deactivationRequested || mailbox.Running > 0 || mailbox.WaitingCount > 0 || now < keepAliveUntilTimestamp)
                return false;
            foreach (var timer in timers)
                if (timer.KeepAlive)
                    return false;
            return Services.Time.GetElapsedTime(lastActiveTimestamp, now) >= Class.CollectionAge;
        }
    }

    public void AddTimer(GrainTimer timer)
    {
        lock (gate)
        {
            if (state is not (ActivationState.Activating or ActivationState.Valid) || deactivationRequested)
                throw new InvalidOperationException($"Grain {Id} is deactivating; it cannot register timers.");
            timers.Add(timer);
        }
    }

    public void RemoveTimer(GrainTimer timer)
    {
        lock (gate)
            timers.Remove(timer);
    }

    private void StartTurn(GrainWorkItem item) => TurnStarter.Start(Scheduler, RunTurnCallback, new TurnStart(this, item));

    private async Task RunTurnAsync(GrainWorkItem item)
    {
        try
        {
            await item.ExecuteAsync(this);
        }
        finally
        {
            OnTurnFinished(item);
        }
    }

    private void OnTurnFinished(GrainWorkItem item)
    {
        List<GrainWorkItem>? startable = null;
        var deactivate = false;
        lock (gate)
        {
            mailbox.Finished(item);
            if (item.CountsAsActivity)
                lastActiveTimestamp = Services.Time.GetTimestamp();
            if (state == ActivationState.Valid)
            {
                if (!deactivationRequested)
                    startable = mailbox.TakeStartable();
                else if (mailbox.Running == 0)
                {
                    state = ActivationState.Deactivating;
                    deactivate = true;
                }
            }
        }
        StartAll(startable);
        if (deactivate)
            TurnStarter.Start(Scheduler, DeactivateCallback, this);
    }

    private void StartAll(List<GrainWorkItem>? items)
    {
        if (items is null)
            return;
        foreach (var item in items)
            StartTurn(item);
    }

    private async Task ActivateAsync()
    {
        var registered = false;
        try
        {
            using var timeout = new CancellationTokenSource(Services.Options.ActivationTimeout);
            var winner = await Services.Directory.RegisterAsync(Address);
            if (winner != Address)
                throw new DuplicateActivationException(Id, winner);
            registered = true;
            scope = Services.Services.CreateScope();
            var (instance, states) = Class.Activator.Create(scope.ServiceProvider, this);
            Instance = instance;
            foreach (var (binder, loaded) in states)
                await binder.ReadAsync(loaded, timeout.Token);
            if (instance is Grain grain)
                await grain.OnActivateAsync(timeout.Token);
        }
        catch (Exception exception)
        {
            await FailActivationAsync(exception, registered);
            return;
        }

        List<GrainWorkItem>? startable = null;
        var deactivate = false;
        lock (gate)
        {
            state = ActivationState.Valid;
            // Work that waited for the activation runs even if deactivation was asked for meanwhile
            // (e.g. DeactivateOnIdle in OnActivateAsync): "on idle" means after the calls at hand.
            startable = mailbox.TakeStartable();
            if (deactivationRequested && mailbox.Running == 0)
            {
                state = ActivationState.Deactivating;
                deactivate = true;
            }
        }
        StartAll(startable);
        if (deactivate)
            await DeactivateAsync();
    }

    // Leaves nothing behind: the next call to this grain starts a fresh activation.
    private async Task FailActivationAsync(Exception exception, bool registered)
    {
        Services.Logger.LogWarning(exception, "Activation of grain {GrainId} failed", Id);
        DisposeTimers();
        if (registered)
            await UnregisterAsync();
        foreach (var item in Retire(ActivationState.Failed))
        {
            if (exception is DuplicateActivationException && item is GrainCall call)
                Services.Redirect?.Invoke(call);
            else
                item.Fail(exception);
        }
    }

    private async Task DeactivateAsync()
    {
        DisposeTimers();
        try
        {
            using var timeout = new CancellationTokenSource(Services.Options.DeactivationTimeout);
            if (Instance is Grain grain)
                await grain.OnDeactivateAsync(deactivationReason, timeout.Token);
        }
        catch (Exception exception)
        {
            Services.Logger.LogError(exception, "OnDeactivateAsync of grain {GrainId} failed", Id);
        }
        // Unregister before leaving the catalog, so a call that misses the catalog never finds a stale entry.
        await UnregisterAsync();
        foreach (var item in Retire(ActivationState.Deactivated))
        {
            if (item.IsAbandoned)
                continue;
            if (item is GrainCall call && Services.Redirect is { } redirect)
                redirect(call);
            else
                item.Fail(new InvalidOperationException($"Grain {Id} deactivated ({deactivationReason}) before this work ran."));
        }
    }

    // A directory failure must not strand the activation half-retired: its queued work still has to move on.
    private async Task UnregisterAsync()
    {
        try
        {
            await Services.Directory.UnregisterAsync(Address);
        }
        catch (Exception exception)
        {
            Services.Logger.LogError(exception, "Removing grain {GrainId} from the directory failed", Id);
        }
    }

    /// <summary>Ends the activation for good: releases its services, leaves the catalog, and returns the work that never ran.</summary>
    private List<GrainWorkItem> Retire(ActivationState finalState)
    {
        scope?.Dispose();
        scope = null;
        // References may keep pointing at this retired activation; they must not keep the grain object alive.
        Instance = null;
        List<GrainWorkItem> pending;
        lock (gate)
        {
            state = finalState;
            pending = mailbox.DrainAll();
            catalog.Remove(this);
        }
        deactivated.TrySetResult();
        return pending;
    }

    private void DisposeTimers()
    {
        GrainTimer[] owned;
        lock (gate)
        {
            owned = [.. timers];
            timers.Clear();
        }
        foreach (var timer in owned)
            timer.Dispose();
    }

    private sealed record TurnStart(GrainActivation Activation, GrainWorkItem Item)
    {
        public Task Run() => Activation.RunTurnAsync(Item);
    }
}
