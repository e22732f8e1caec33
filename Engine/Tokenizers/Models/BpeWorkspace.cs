namespace Platform.Engine.Tokenizers.Models;

/// <summary>Reusable per-thread buffers for merging one word: a doubly linked list of symbols and the pair queue.</summary>
internal sealed class BpeWorkspace
{
    /// <summary>Symbols a thread keeps buffers for between words; one huge word must not pin its buffers for the thread's life.</summary>
    public const int RetainedCapacity = 4096;

    public int[] Ids = new int[256];
    public int[] Prev = new int[256];
    public int[] Next = new int[256];
    public int Count;
    public readonly PriorityQueue<Candidate, long> Queue = new();

    public readonly record struct Candidate(int Position, int Result);

    public void Reset(int capacity)
    {
        if (Ids.Length < capacity)
        {
            Ids = new int[capacity];
            Prev = new int[capacity];
            Next = new int[capacity];
        }
        Count = 0;
        Queue.Clear();
    }

    /// <summary>Lets go of buffers grown past <see cref="RetainedCapacity"/> by an unusually long word.</summary>
    public void Trim()
    {
        if (Ids.Length > RetainedCapacity)
        {
            Ids = new int[256];
            Prev = new int[256];
            Next = new int[256];
        }
        Queue.Clear();
        Queue.TrimExcess();
    }

    public void Add(int id)
    {
        Ids[Count] = id;
        Prev[Count] = Count - 1;
        Next[Count] = -1;
        if (Count > 0) Next[Count - 1] = Count;
        Count++;
    }
}
