namespace MovieRec.Models;

/// <summary>
/// Exact top-k selection over one score row, without sorting the whole row: a size-k min-heap keeps the
/// best candidates seen so far (O(n log k)); most candidates are rejected by one comparison with the heap
/// root. Order is score descending, ties broken by the lower index, so results are deterministic.
/// </summary>
public static class TopK
{
    /// <summary>
    /// Writes the indices and scores of the <paramref name="k"/> highest scores into
    /// <paramref name="indices"/> and <paramref name="values"/>, best first, and returns how many were written
    /// (fewer than k when fewer candidates exist). Indices listed in <paramref name="sortedExcluded"/>
    /// (ascending; duplicates and out-of-range values are harmless) and NaN scores are skipped.
    /// </summary>
    /// <exception cref="ArgumentException">An output span is shorter than min(k, scores.Length).</exception>
    public static int Select(
        ReadOnlySpan<float> scores, int k, ReadOnlySpan<int> sortedExcluded, Span<int> indices, Span<float> values)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(k, 1);
        var capacity = Math.Min(k, scores.Length);
        if (indices.Length < capacity || values.Length < capacity)
        {
            throw new ArgumentException($"Output spans must hold at least {capacity} entries.", nameof(indices));
        }

        var heapIndices = indices[..capacity];
        var heapValues = values[..capacity];
        var size = 0;
        var start = 0;

        // Walk the row in runs between excluded indices, so the inner loop has no exclusion test.
        foreach (var excluded in sortedExcluded)
        {
            if (excluded < start)
            {
                continue;
            }

            var end = Math.Min(excluded, scores.Length);
            size = Scan(scores, start, end, heapIndices, heapValues, size);
            start = excluded + 1;
            if (start >= scores.Length)
            {
                break;
            }
        }

        if (start < scores.Length)
        {
            size = Scan(scores, start, scores.Length, heapIndices, heapValues, size);
        }

        // Heap sort: repeatedly move the worst (root) to the end, leaving the span best-first.
        for (var last = size - 1; last > 0; last--)
        {
            (heapIndices[0], heapIndices[last]) = (heapIndices[last], heapIndices[0]);
            (heapValues[0], heapValues[last]) = (heapValues[last], heapValues[0]);
            SiftDown(heapIndices, heapValues, 0, last);
        }

        return size;
    }

    private static int Scan(ReadOnlySpan<float> scores, int start, int end, Span<int> heapIndices, Span<float> heapValues, int size)
    {
        var capacity = heapIndices.Length;
        for (var i = start; i < end; i++)
        {
            var score = scores[i];
            if (float.IsNaN(score))
            {
                continue;
            }

            if (size < capacity)
            {
                heapIndices[size] = i;
                heapValues[size] = score;
                SiftUp(heapIndices, heapValues, size);
                size++;
            }
            else if (score > heapValues[0])
            {
                // Equal scores never replace the root: the root has a lower index (scanned earlier), and
                // ties go to the lower index.
                heapIndices[0] = i;
                heapValues[0] = score;
                SiftDown(heapIndices, heapValues, 0, size);
            }
        }

        return size;
    }

    /// <summary>True when entry a ranks below entry b (lower score, or equal score and higher index).</summary>
    private static bool Worse(float scoreA, int indexA, float scoreB, int indexB) =>
        scoreA < scoreB || (scoreA == scoreB && indexA > indexB);

    private static void SiftUp(Span<int> indices, Span<float> values, int position)
    {
        while (position > 0)
        {
            var parent = (position - 1) >> 1;
            if (!Worse(values[position], indices[position], values[parent], indices[parent]))
            {
                return;
            }

            (indices[position], indices[parent]) = (indices[parent], indices[position]);
            (values[position], values[parent]) = (values[parent], values[position]);
            position = parent;
        }
    }

    private static void SiftDown(Span<int> indices, Span<float> values, int position, int size)
    {
        while (true)
        {
            var left = (2 * position) + 1;
            if (left >= size)
            {
                return;
            }

            var worst = left;
            var right = left + 1;
            if (right < size && Worse(values[right], indices[right], values[left], indices[left]))
            {
                worst = right;
            }

            if (!Worse(values[worst], indices[worst], values[position], indices[position]))
            {
                return;
            }

            (indices[position], indices[worst]) = (indices[worst], indices[position]);
            (values[position], values[worst]) = (values[worst], values[position]);
            position = worst;
        }
    }
}
