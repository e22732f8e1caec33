namespace Platform.Runtime.Activation;

/// <summary>Creates and loads one <see cref="IPersistentState{TState}"/> constructor argument without knowing TState at compile time.</summary>
internal interface IPersistentStateBinder
{
    object Create(IPersistentStateFactory factory, GrainId grainId, PersistentStateAttribute attribute);

    Task ReadAsync(object state, CancellationToken cancellationToken);
}

/// <summary>The binder for one state type.</summary>
internal sealed class PersistentStateBinder<TState> : IPersistentStateBinder where TState : new()
{
    public object Create(IPersistentStateFactory factory, GrainId grainId, PersistentStateAttribute attribute) =>
        factory.Create<TState>(grainId, attribute.StateName, attribute.StorageName);

    public Task ReadAsync(object state, CancellationToken cancellationToken) =>
        ((IPersistentState<TState>)state).ReadStateAsync(cancellationToken);
}
