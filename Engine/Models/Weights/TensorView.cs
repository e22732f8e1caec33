using Platform.Kernels.Weights;

namespace Platform.Engine.Models.Weights;

/// <summary>A stored tensor in place: its element type and its shape in row-major order (outermost dimension first).</summary>
public readonly unsafe struct TensorView(string name, byte* data, WeightType type, long[] shape)
{
    public string Name { get; } = name;
    public byte* Data { get; } = data;
    public WeightType Type { get; } = type;
    public long[] Shape { get; } = shape;
    public string ShapeText => $"[{string.Join(", ", Shape)}]";
}
