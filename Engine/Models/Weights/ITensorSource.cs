namespace Platform.Engine.Models.Weights;

/// <summary>Named tensors of one checkpoint (one or many files), kept memory-mapped until disposal.</summary>
public interface ITensorSource : IDisposable
{
    /// <summary>Where the tensors come from, for error messages.</summary>
    string Description { get; }

    /// <summary>Finds a tensor; throws <see cref="Formats.ModelFormatException"/> if it exists in a type the engine cannot use.</summary>
    bool TryGet(string name, out TensorView tensor);
}
