namespace Platform.Engine.Sampling;

/// <summary>
/// Top-k / top-p (nucleus) selection without sorting the vocabulary: a max-heap over the candidates is popped only
/// as far as the kept set reaches, so a small nucleus costs O(V + n log V).
/// </summary>
public static class CandidateSelection
{
    /// <summary>
    /// Keeps the most likely tokens of <paramref name="weights"/> (unnormalised, zero = excluded) as top-k then top-p
    /// ask; returns them as a range of <paramref name="indices"/>.
    /// </summary>
    public static Range SelectNucleus(ReadOnlySpan<float> weights, Span<int> indices, int topK, float topP)
    {
        var n = 0;
        var total = 0f;
        for (var token = 0; token < weights.Length; token++)
        {
            if (weights[token] > 0f)
            {
                indices[n++] = token;
                total += weights[token];
            }
        }
        if (n == 0)
            throw new InvalidOperationException("No token has a non-zero probability; the logits hold NaN or -inf everywhere.");
        var heap = indices[..n];
        for (var i = n / 2 - 1; i >= 0; i--)
            SiftDown(heap, i, n, weights);

        // Popped maxima land at the end of the span in descending order: heap[n-1] is the most likely token.
        var size = n;
        var kept = 0;
        var cumulative = 0f;
        if (topK > 0)
        {
            var k = Math.Min(topK, n);
            while (kept < k)
            {
                Pop(heap, ref size, weights);
                kept++;
            }
            total = 0f;
            for (var i = n - k; i < n; i++)
                total += weights[heap[i]];
            if (topP >= 1f)
                return new Range(n - k, n);
            var count = 0;
            while (count < k && cumulative < topP * total)
            {
                cumulative += weights[heap[n - 1 - count]];
                count++;
            }
            return new Range(n - count, n);
        }
        while (size > 0 && cumulative < topP * total)
        {
            cumulative += weights[heap[Pop(heap, ref size, weights)]];
            kept++;
        }
        return new Range(n - kept, n);
    }

    /// <summary>Writes the <paramref name="destination"/>.Length tokens with the largest values, largest first.</summary>
    public static int TopN(ReadOnlySpan<float> values, Span<int> destination)
    {
        var count = 0;
        if (destination.IsEmpty)
            return 0;
        for (var token = 0; token < values.Length; token++)
        {
            var value = values[token];
            if (count == destination.Length && !(value > values[destination[count - 1]]))
                continue;
            var position = count < destination.Length ? count++ : count - 1;
            while (position > 0 && value > values[destination[position - 1]])
            {
                destination[position] = destination[position - 1];
                position--;
            }
            destination[position] = token;
        }
        return count;
    }

    private static int Pop(Span<int> heap, ref int size, ReadOnlySpan<float> weights)
    {
        size--;
        (heap[0], heap[size]) = (heap[size], heap[0]);
        SiftDown(heap, 0, size, weights);
        return size;
    }

    private static void SiftDown(Span<int> heap, int index, int size, ReadOnlySpan<float> weights)
    {
        while (true)
        {
            var largest = index;
            var left = 2 * index + 1;
            var right = left + 1;
            if (left < size && Greater(heap[left], heap[largest], weights)) largest = left;
            if (right < size && Greater(heap[right], heap[largest], weights)) largest = right;
            if (largest == index)
                return;
            (heap[index], heap[largest]) = (heap[largest], heap[index]);
            index = largest;
        }
    }

    // Ties go to the lower token id so selection is deterministic.
    private static bool Greater(int a, int b, ReadOnlySpan<float> weights) =>
        weights[a] > weights[b] || (weights[a] == weights[b] && a < b);
}
