namespace MovieRec.Retrieval;

public sealed partial class ApproximateIndex
{
    /// <summary>
    /// Recall@<paramref name="k"/> of approximate results against exact ones: for each query, the share of the exact
    /// top-k items (the first min(k, length) of its row) that appear among the approximate row's first k, averaged
    /// over queries whose exact row is not empty. 1 means every exact answer was found.
    /// </summary>
    /// <remarks>Items are compared by index, so when several items tie at the k-th score and the two searches keep
    /// different ones, the difference counts as a miss (rare with real-valued embeddings).</remarks>
    /// <param name="approximate">E.g. from <see cref="Search"/>.</param>
    /// <param name="exact">From <see cref="ExactTopK.Search"/> over the same queries, items and exclusions.</param>
    /// <param name="k">Cut-off, at least 1 and at most both results' K.</param>
    /// <exception cref="ArgumentException">Row counts differ or <paramref name="k"/> exceeds a result's K.</exception>
    public static double RecallAgainstExact(ExactTopKResult approximate, ExactTopKResult exact, int k)
    {
        ArgumentNullException.ThrowIfNull(approximate);
        ArgumentNullException.ThrowIfNull(exact);
        ArgumentOutOfRangeException.ThrowIfLessThan(k, 1);
        if (approximate.RowCount != exact.RowCount)
        {
            throw new ArgumentException(
                $"The results have {approximate.RowCount} and {exact.RowCount} rows; they must answer the same queries.", nameof(approximate));
        }

        if (k > approximate.K || k > exact.K)
        {
            throw new ArgumentException($"k = {k} exceeds the results' K ({approximate.K} approximate, {exact.K} exact).", nameof(k));
        }

        double sum = 0;
        var rows = 0;
        var wanted = new HashSet<int>();
        for (var row = 0; row < exact.RowCount; row++)
        {
            var truth = exact.ItemsAt(row);
            var count = Math.Min(k, truth.Length);
            if (count == 0)
            {
                continue;
            }

            wanted.Clear();
            foreach (var item in truth[..count])
            {
                wanted.Add(item);
            }

            var found = approximate.ItemsAt(row);
            var hits = 0;
            foreach (var item in found[..Math.Min(k, found.Length)])
            {
                if (wanted.Contains(item))
                {
                    hits++;
                }
            }

            sum += (double)hits / count;
            rows++;
        }

        return rows == 0 ? 1.0 : sum / rows;
    }
}
