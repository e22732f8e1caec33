namespace Platform.Engine.Tokenizers.Models;

/// <summary>Reusable per-thread buffers for merging one word: a doubly linked list of symbols and the pair queue.</summary>
internal sealed class BpeWorkspace
{
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

    public void Add(int id)
    {
        Ids[Count] = id;
        Prev[Count] = Count - 1;
        Next[Count] = -1;
        if (Count > 0) Next[Count - 1] = Count;
        Count++;
    }
}
