using Platform.Engine.Formats;
using Platform.Engine.Formats.Gguf;
using Platform.Kernels.Weights;

namespace Platform.Engine.Models.Weights;

/// <summary>The tensors of a GGUF file, with ggml's dimension order (ne[0] first) turned into row-major shapes.</summary>
public sealed unsafe class GgufTensorSource(GgufFile file) : ITensorSource
{
    public string Description => file.Path;

    public bool TryGet(string name, out TensorView tensor)
    {
        tensor = default;
        if (!file.TryGetTensor(name, out var info)) return false;
        var type = info.Type switch
        {
            GgmlType.F32 => WeightType.F32,
            GgmlType.F16 => WeightType.F16,
            GgmlType.BF16 => WeightType.BF16,
            GgmlType.Q8_0 => WeightType.Q8_0,
            GgmlType.Q4_0 => WeightType.Q4_0,
            GgmlType.Q4_K => WeightType.Q4_K,
            GgmlType.Q5_K => WeightType.Q5_K,
            GgmlType.Q6_K => WeightType.Q6_K,
            _ => throw new ModelFormatException($"{file.Path}: tensor '{name}' has type {info.Type}; supported: F32, F16, BF16, Q8_0, Q4_0, Q4_K, Q5_K, Q6_K."),
        };
        var shape = info.Dimensions.Reverse().ToArray();
        tensor = new TensorView(name, file.GetTensorData(info), type, shape);
        return true;
    }

    public void Dispose() => file.Dispose();
}
