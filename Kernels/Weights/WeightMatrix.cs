namespace Platform.Kernels.Weights;

/// <summary>
/// A row-major weight matrix [Rows, Columns] in place (memory map or native buffer), as y = W·x uses it:
/// each row holds one output's weights over the input dimension. The owner keeps the memory alive.
/// </summary>
public readonly unsafe struct WeightMatrix
{
    public WeightMatrix(byte* data, WeightType type, int rows, int columns)
    {
        if (data == null) throw new ArgumentNullException(nameof(data));
        if (rows <= 0 || columns <= 0) throw new ArgumentException($"a weight matrix needs positive dimensions, got [{rows}, {columns}].");
        Data = data;
        Type = type;
        Rows = rows;
        Columns = columns;
        RowBytes = WeightTypeInfo.RowBytes(type, columns);
    }

    public byte* Data { get; }

    public WeightType Type { get; }

    public int Rows { get; }

    public int Columns { get; }

    public long RowBytes { get; }

    public long TotalBytes => RowBytes * Rows;

    public byte* Row(int row) => Data + row * RowBytes;
}
