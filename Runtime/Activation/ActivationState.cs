namespace Platform.Runtime.Activation;

/// <summary>Where an activation is in its life; only Valid activations run turns.</summary>
internal enum ActivationState
{
    Created,
    Activating,
    Valid,
    Deactivating,
    Deactivated,
    Failed,
}
