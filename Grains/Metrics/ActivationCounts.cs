using System.Collections.Concurrent;
using System.Diagnostics.Metrics;

namespace Platform.Grains.Metrics;

/// <summary>
/// This silo's grain activations by grain type, from Orleans' own `orleans-grains` instrument (+1/-1 per activation;
/// Orleans keeps its tally internal). Listens only to this silo's meter (several silos may share a test process), and
/// starts at the first lifecycle stage, before any activation it would otherwise miss.
/// </summary>
public sealed class ActivationCounts(IMeterFactory meters) : ILifecycleParticipant<ISiloLifecycle>, IDisposable
{
    private const string OrleansInstrument = "orleans-grains";

    private readonly ConcurrentDictionary<string, int> _counts = new(StringComparer.Ordinal);
    private readonly MeterListener _listener = new();

    /// <summary>Activations now, by grain type as Orleans names it (model, deployment, session, …).</summary>
    public IReadOnlyDictionary<string, int> Current() => _counts.ToDictionary(p => p.Key, p => p.Value);

    public void Participate(ISiloLifecycle lifecycle) =>
        lifecycle.Subscribe(nameof(ActivationCounts), ServiceLifecycleStage.First, _ =>
        {
            Start();
            return Task.CompletedTask;
        });

    public void Dispose() => _listener.Dispose();

    private void Start()
    {
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Name == OrleansInstrument && ReferenceEquals(instrument.Meter.Scope, meters))
                listener.EnableMeasurementEvents(instrument);
        };
        _listener.SetMeasurementEventCallback<int>(OnMeasurement);
        _listener.Start();
    }

    private void OnMeasurement(Instrument instrument, int change, ReadOnlySpan<KeyValuePair<string, object?>> tags, object? state)
    {
        foreach (var tag in tags)
            // 10.4 tags grain_type; the source's main branch says type.
            if (tag is { Key: "grain_type" or "type", Value: string type })
                _counts.AddOrUpdate(type, change, (_, n) => n + change);
    }
}
