namespace Platform.Grains.Models;

/// <summary>How a stopping silo drains its generations.</summary>
public sealed class GenerationDrainOptions
{
    /// <summary>The longest a stopping silo waits for running generations before unloading its engines.</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(30);
}
