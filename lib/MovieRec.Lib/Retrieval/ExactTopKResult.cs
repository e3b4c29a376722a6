namespace MovieRec.Retrieval;

/// <summary>
/// Output of <see cref="ExactTopK.Search(float[], float[], int, int, ExcludedItems?, ExactTopKOptions?)"/>:
/// a fixed-stride table where row q holds <c>Lengths[q]</c> item indices (best first) at
/// <c>ItemIndices[q * K ..]</c> and their scores at the same positions of <see cref="Scores"/>.
/// </summary>
/// <remarks>Rows are shorter than K only when fewer than K items remain after the exclusions.</remarks>
public sealed class ExactTopKResult
{
    internal ExactTopKResult(int rowCount, int k, int[] lengths, int[] itemIndices, float[] scores)
    {
        RowCount = rowCount;
        K = k;
        Lengths = lengths;
        ItemIndices = itemIndices;
        Scores = scores;
    }

    /// <summary>Number of rows (queries).</summary>
    public int RowCount { get; }

    /// <summary>The stride: min(requested k, number of items).</summary>
    public int K { get; }

    /// <summary>Items written in each row.</summary>
    public int[] Lengths { get; }

    /// <summary>Item indices, row q at <c>q * K</c>; entries past a row's length are unused (-1).</summary>
    public int[] ItemIndices { get; }

    /// <summary>Scores aligned with <see cref="ItemIndices"/>, descending within a row.</summary>
    public float[] Scores { get; }

    /// <summary>The item indices of one row, best first.</summary>
    public ReadOnlySpan<int> ItemsAt(int row) => ItemIndices.AsSpan(row * K, Lengths[row]);

    /// <summary>The scores of one row, aligned with <see cref="ItemsAt"/>.</summary>
    public ReadOnlySpan<float> ScoresAt(int row) => Scores.AsSpan(row * K, Lengths[row]);
}

/// <summary>Options of <see cref="ExactTopK"/>.</summary>
public sealed record ExactTopKOptions
{
    /// <summary>The defaults.</summary>
    public static ExactTopKOptions Default { get; } = new();

    /// <summary>
    /// Upper bound on the size of one batch's score matrix (batch rows × items × 4 bytes); the batch size is
    /// derived from it so memory stays bounded however many queries there are. Default 128 MiB (about 570
    /// users per batch against 59,000 items). At least one row is always processed per batch.
    /// </summary>
    public long MaximumBatchBytes { get; init; } = 128L << 20;

    internal void Validate()
    {
        if (MaximumBatchBytes < 1)
        {
            throw new ArgumentOutOfRangeException("options", MaximumBatchBytes, "MaximumBatchBytes must be positive.");
        }
    }
}
