using Platform.Kernels.Numerics;
using Platform.Kernels.Quantization;
using Platform.Kernels.Threading;

namespace Platform.Kernels.MatMul;

/// <summary>
/// <see cref="ActivationPacker"/> over a batch's token groups on every worker: for prefill the packing is long enough
/// (hundreds of tokens per product) that one thread doing it while the others wait showed up as its own kernel.
/// </summary>
internal sealed unsafe class PackJob : IParallelWork
{
    /// <summary>Groups per chunk: a few, so the chunks even out between workers and each is worth its claim.</summary>
    private const int GroupsPerChunk = 4;

    /// <summary>Below this many groups the batch is packed on the calling thread: a dispatch would cost more than it saves.</summary>
    public const int ParallelGroups = 8;

    private float* _x;
    private int _tokens;
    private int _columns;
    private PackedActivations _output;
    private SimdLevel _level;

    /// <summary>Packs <paramref name="tokens"/> rows of <paramref name="x"/> (stride = columns) into <paramref name="output"/>, on <paramref name="pool"/> when the batch is large.</summary>
    public void Run(WorkerPool pool, float* x, int tokens, int columns, PackedActivations output, SimdLevel level)
    {
        if (output.Groups < ParallelGroups || pool.WorkerCount == 1)
        {
            ActivationPacker.Quantize(x, columns, tokens, columns, output, level);
            return;
        }
        _x = x;
        _tokens = tokens;
        _columns = columns;
        _output = output;
        _level = level;
        pool.Run(this, (output.Groups + GroupsPerChunk - 1) / GroupsPerChunk);
        _x = null;
    }

    public void Execute(int chunk, int chunkCount, int worker)
    {
        var first = chunk * GroupsPerChunk;
        ActivationPacker.Quantize(_x, _columns, _tokens, _columns, _output, first, Math.Min(_output.Groups, first + GroupsPerChunk), _level);
    }
}
