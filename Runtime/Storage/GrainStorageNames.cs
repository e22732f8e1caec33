namespace Platform.Runtime.Storage;

/// <summary>Well-known grain storage names.</summary>
public static class GrainStorageNames
{
    /// <summary>The provider used by `[PersistentState]` parameters that name no storage.</summary>
    public const string Default = "Default";
}
