namespace Platform.Engine.Formats.Gguf;

/// <summary>One tensor's entry in a GGUF file: dimensions in ggml order (ne[0], the contiguous one, first) and where its data lies.</summary>
public sealed record GgufTensorInfo(string Name, long[] Dimensions, GgmlType Type, long Offset, long ByteSize)
{
    public long ElementCount
    {
        get
        {
            long n = 1;
            foreach (var d in Dimensions) n *= d;
            return n;
        }
    }
}
