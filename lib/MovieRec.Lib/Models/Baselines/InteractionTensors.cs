using static TorchSharp.torch;

namespace MovieRec.Models.Baselines;

/// <summary>
/// The training matrix X (users × items, entries 1 or the star rating) as TorchSharp tensors, and its
/// item–item Gram matrix XᵀX computed block by block: Xᵀ is held sparse (items × users, one entry per
/// rating) and multiplied by dense column blocks X[:, J], so the work is nnz × |J| per block rather than
/// users × items × |J|, and no dense users × items matrix is ever built.
/// </summary>
internal sealed class InteractionTensors
{
    private readonly int[] _columnOffsets;
    private readonly int[] _columnUsers;
    private readonly float[] _columnValues;

    /// <param name="seen">The training matrix.</param>
    /// <param name="useRatings">Entries are star ratings when true, 1 when false.</param>
    public InteractionTensors(SeenItems seen, bool useRatings)
    {
        ArgumentNullException.ThrowIfNull(seen);
        UserCount = seen.UserCount;
        ItemCount = seen.ItemCount;

        // CSR → CSC by counting sort; users stay ascending within each column.
        _columnOffsets = new int[ItemCount + 1];
        foreach (var item in seen.ItemIndices)
        {
            _columnOffsets[item + 1]++;
        }

        for (var i = 0; i < ItemCount; i++)
        {
            _columnOffsets[i + 1] += _columnOffsets[i];
        }

        _columnUsers = new int[seen.Count];
        _columnValues = new float[seen.Count];
        var next = (int[])_columnOffsets.Clone();
        for (var u = 0; u < UserCount; u++)
        {
            for (var p = seen.Offsets[u]; p < seen.Offsets[u + 1]; p++)
            {
                var slot = next[seen.ItemIndices[p]]++;
                _columnUsers[slot] = u;
                _columnValues[slot] = useRatings ? seen.Ratings[p] : 1f;
            }
        }
    }

    /// <summary>Rows of X.</summary>
    public int UserCount { get; }

    /// <summary>Columns of X (the catalogue).</summary>
    public int ItemCount { get; }

    /// <summary>Euclidean norm of each column of X (float64 accumulation).</summary>
    public double[] ColumnNorms()
    {
        var norms = new double[ItemCount];
        for (var i = 0; i < ItemCount; i++)
        {
            double sum = 0;
            for (var p = _columnOffsets[i]; p < _columnOffsets[i + 1]; p++)
            {
                sum += (double)_columnValues[p] * _columnValues[p];
            }

            norms[i] = Math.Sqrt(sum);
        }

        return norms;
    }

    /// <summary>Xᵀ as a sparse COO tensor (items × users) of <paramref name="type"/>.</summary>
    public Tensor SparseTransposed(ScalarType type = ScalarType.Float32)
    {
        var nnz = _columnUsers.Length;
        var indices = new long[2 * (long)nnz];
        for (var i = 0; i < ItemCount; i++)
        {
            indices.AsSpan(_columnOffsets[i], _columnOffsets[i + 1] - _columnOffsets[i]).Fill(i);
        }

        for (var p = 0; p < nnz; p++)
        {
            indices[nnz + p] = _columnUsers[p];
        }

        using var indexTensor = tensor(indices, 2, nnz);
        using var singles = tensor(_columnValues);
        using var valueTensor = singles.to_type(type);
        // Entries are already sorted by (item, user) and distinct: what coalescing would produce.
        return sparse_coo_tensor(indexTensor, valueTensor, [ItemCount, UserCount]);
    }

    /// <summary>Dense X[:, first..first+count) (users × count, float32).</summary>
    public Tensor DenseColumns(int first, int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(first);
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(first + count, ItemCount);
        var block = new float[(long)UserCount * count];
        for (var c = 0; c < count; c++)
        {
            var item = first + c;
            for (var p = _columnOffsets[item]; p < _columnOffsets[item + 1]; p++)
            {
                block[((long)_columnUsers[p] * count) + c] = _columnValues[p];
            }
        }

        return tensor(block, UserCount, count);
    }

    /// <summary>
    /// Calls <paramref name="consume"/> with each column block (XᵀX)[:, J] (items × |J|, float32) in order,
    /// J = first..first+count; the block tensor is disposed after the call. On binary data the entries are
    /// co-occurrence counts, exact in float32 below 2^24 users; half-star products stay exact on
    /// MovieLens-sized data (multiples of 0.25 summing to far less than 2^22).
    /// </summary>
    public void ForEachGramBlock(int blockSize, Action<int, int, Tensor> consume)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(blockSize, 1);
        using var transposed = SparseTransposed();
        for (var first = 0; first < ItemCount; first += blockSize)
        {
            using var scope = NewDisposeScope();
            var count = Math.Min(blockSize, ItemCount - first);
            var columns = DenseColumns(first, count);
            var gram = transposed.mm(columns);
            consume(first, count, gram);
        }
    }

    /// <summary>
    /// A column-block width that keeps one dense users × width block and one items × width result near
    /// 64 MB each (at least 64 columns, at most the catalogue).
    /// </summary>
    public int SuggestedBlockSize()
    {
        const long budget = 16L * 1024 * 1024; // floats
        var byUsers = budget / Math.Max(1, UserCount);
        var byItems = budget / Math.Max(1, ItemCount);
        return (int)Math.Clamp(Math.Min(byUsers, byItems), Math.Min(64, ItemCount), Math.Max(1, ItemCount));
    }
}
