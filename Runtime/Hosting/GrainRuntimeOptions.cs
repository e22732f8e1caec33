namespace Platform.Runtime.Hosting;

/// <summary>Settings of the grain runtime (bind with <c>services.Configure&lt;GrainRuntimeOptions&gt;</c> or in <c>AddGrainRuntime</c>).</summary>
public sealed class GrainRuntimeOptions
{
    /// <summary>How long an activation may stay idle before it is collected, unless its grain type says otherwise.</summary>
    public TimeSpan CollectionAge { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>Collection ages per grain type name (the type part of grain ids); wins over [CollectionAge].</summary>
    public Dictionary<string, TimeSpan> CollectionAgeByGrainType { get; } = new(StringComparer.Ordinal);

    /// <summary>How often the collector looks for idle activations.</summary>
    public TimeSpan CollectionScanPeriod { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>How long a caller waits for a grain call's response before a <see cref="GrainCallTimeoutException"/>.</summary>
    public TimeSpan CallTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>The token handed to OnActivateAsync and state loading is cancelled after this long.</summary>
    public TimeSpan ActivationTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>The token handed to OnDeactivateAsync is cancelled after this long.</summary>
    public TimeSpan DeactivationTimeout { get; set; } = TimeSpan.FromSeconds(30);

    internal void Validate()
    {
        if (CollectionAge <= TimeSpan.Zero || CollectionScanPeriod <= TimeSpan.Zero || CallTimeout <= TimeSpan.Zero
            || ActivationTimeout <= TimeSpan.Zero || DeactivationTimeout <= TimeSpan.Zero)
            throw new ArgumentOutOfRangeException(nameof(GrainRuntimeOptions), "Grain runtime ages, periods and timeouts must be positive.");
    }
}
