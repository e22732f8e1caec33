using System.Globalization;
using Platform.Runtime.Activation;
using Platform.Runtime.Timers;

namespace Platform.Runtime.Grains;

/// <summary>Base class of grain implementations: identity, lifecycle hooks, deactivation control and timers.</summary>
public abstract class Grain
{
    [ThreadStatic] private static GrainActivation? constructing;

    private readonly GrainActivation? activation;

    /// <summary>Picks up the activation the runtime is constructing (grain classes are only constructed by the runtime).</summary>
    protected Grain() => activation = constructing;

    private GrainActivation Activation => activation ?? throw new InvalidOperationException(
        $"{GetType().Name} was not created by the grain runtime; obtain grains through IGrainFactory.GetGrain.");

    public GrainId GrainId => Activation.Id;

    protected IGrainFactory GrainFactory => Activation.Services.GrainFactory;

    /// <summary>Runs once per activation after persistent state is loaded and before the first call; throwing fails the activation.</summary>
    public virtual Task OnActivateAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Runs when the activation is deactivated (idle collection, request, or shutdown), after its last turn.</summary>
    public virtual Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken) => Task.CompletedTask;

    public string GetPrimaryKeyString() => GrainId.Key;

    public Guid GetPrimaryKey() =>
        Guid.TryParseExact(GrainId.Key, "N", out var key) ? key : throw new InvalidOperationException($"Grain {GrainId} is not keyed by a Guid.");

    public long GetPrimaryKeyLong() =>
        long.TryParse(GrainId.Key, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var key)
            ? key
            : throw new InvalidOperationException($"Grain {GrainId} is not keyed by an integer.");

    /// <summary>Deactivates this activation once the current turn(s) finish; later calls get a fresh activation.</summary>
    protected void DeactivateOnIdle() =>
        _ = Activation.RequestDeactivation(new DeactivationReason(DeactivationReasonCode.ApplicationRequested, "DeactivateOnIdle was called."));

    /// <summary>Keeps idle collection away from this activation for at least the given time.</summary>
    protected void DelayDeactivation(TimeSpan duration) => Activation.DelayDeactivation(duration);

    /// <summary>Starts a timer whose callback runs as a grain turn; it never overlaps itself and stops on deactivation.</summary>
    protected IGrainTimer RegisterGrainTimer<TState>(Func<TState, CancellationToken, Task> callback, TState state, GrainTimerCreationOptions options)
    {
        ArgumentNullException.ThrowIfNull(callback);
        return new GrainTimer(Activation, (s, ct) => callback((TState)s!, ct), state, options);
    }

    protected IGrainTimer RegisterGrainTimer<TState>(Func<TState, CancellationToken, Task> callback, TState state, TimeSpan dueTime, TimeSpan period) =>
        RegisterGrainTimer(callback, state, new GrainTimerCreationOptions(dueTime, period));

    protected IGrainTimer RegisterGrainTimer(Func<CancellationToken, Task> callback, GrainTimerCreationOptions options)
    {
        ArgumentNullException.ThrowIfNull(callback);
        return new GrainTimer(Activation, (_, ct) => callback(ct), null, options);
    }

    internal static ConstructionScope BeginConstruction(GrainActivation activation)
    {
        constructing = activation;
        return default;
    }

    /// <summary>Clears the activation under construction when the constructor returns.</summary>
    internal readonly struct ConstructionScope : IDisposable
    {
        public void Dispose() => constructing = null;
    }
}
