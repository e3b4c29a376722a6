using System.Numerics.Tensors;
using MovieRec.Models;
using MovieRec.Torch;
using TorchSharp;

namespace MovieRec.Retrieval;

/// <summary>
/// Exact maximum-inner-product top-k: for every query embedding (a user) the k items whose embeddings
/// have the largest dot product with it, leaving out excluded items. Batches of queries are scored
/// against all items with one TorchSharp matrix product, excluded entries are set to −∞ and
/// <c>torch.topk</c> picks the candidates; batch size is bounded by <see cref="ExactTopKOptions.MaximumBatchBytes"/>
/// and every batch runs in its own dispose scope.
/// </summary>
/// <remarks>
/// <para>Exactness and determinism. The result is defined by the managed dot product
/// (<see cref="TensorPrimitives.Dot(ReadOnlySpan{float}, ReadOnlySpan{float})"/>, the function models use in
/// <c>Score</c>): the k non-excluded items with the highest managed score, ties broken by the lower index.
/// Torch only proposes candidates. Its matrix product rounds differently (and differently for different
/// batch shapes), and <c>torch.topk</c> does not say which of equal scores it keeps, so each row asks topk for
/// k + <see cref="ExtraCandidates"/> candidates, re-scores them with the managed dot product and keeps the
/// best k. That is provably the exact answer when the k-th managed score exceeds the last candidate's torch
/// score by more than the rounding bound 2γ_d‖u‖·max‖v‖ (γ_d = d·2⁻²⁴, Higham's bound for a length-d dot
/// product, for each of the two computations): no item outside the candidates can then reach it. Rows that
/// fail the test (near-ties at the boundary, e.g. many equal scores) are scored completely in managed code
/// and selected with <see cref="TopK.Select"/>. So a row never depends on the batch it was computed in.</para>
/// <para>Embeddings must be finite (checked). Items whose torch score is −∞ are the excluded ones, so a row
/// holds min(k, items − excluded) entries.</para>
/// </remarks>
public static class ExactTopK
{
    private static readonly Lazy<bool> TorchLoaded = new(() =>
    {
        TorchNative.EnsureLoaded();
        return true;
    });

    /// <summary>Top-<paramref name="k"/> items for each query (embeddings row-major, <paramref name="dimension"/> columns).</summary>
    /// <param name="queryEmbeddings">Queries × dimension, row-major.</param>
    /// <param name="itemEmbeddings">Items × dimension, row-major.</param>
    /// <param name="dimension">Embedding size, at least 1.</param>
    /// <param name="k">Items per row, at least 1.</param>
    /// <param name="excluded">Per-query excluded item indices (one row per query), or null for none.</param>
    /// <param name="options">Batching; null means <see cref="ExactTopKOptions.Default"/>.</param>
    /// <exception cref="ArgumentException">Shapes disagree, an embedding is not finite, or an excluded index is out of range.</exception>
    public static ExactTopKResult Search(
        float[] queryEmbeddings, float[] itemEmbeddings, int dimension, int k, ExcludedItems? excluded = null, ExactTopKOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(queryEmbeddings);
        ArgumentNullException.ThrowIfNull(itemEmbeddings);
        ArgumentOutOfRangeException.ThrowIfLessThan(dimension, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(k, 1);
        options ??= ExactTopKOptions.Default;
        options.Validate();
        var queryCount = RowsOf(queryEmbeddings, dimension, nameof(queryEmbeddings));
        var itemCount = RowsOf(itemEmbeddings, dimension, nameof(itemEmbeddings));
        ValidateExcluded(excluded, queryCount, itemCount);

        var stride = Math.Min(k, itemCount);
        var lengths = new int[queryCount];
        var indices = new int[(long)queryCount * stride];
        var scores = new float[indices.Length];
        Array.Fill(indices, -1);
        if (queryCount == 0 || stride == 0)
        {
            return new ExactTopKResult(queryCount, stride, lengths, indices, scores);
        }

        _ = TorchLoaded.Value;
        var candidates = Math.Min(stride + ExtraCandidates, itemCount);
        var batch = (int)Math.Clamp(options.MaximumBatchBytes / (4L * itemCount), 1, queryCount);
        var context = new RowContext(queryEmbeddings, itemEmbeddings, dimension, stride, excluded, lengths, indices, scores);
        using var items = torch.tensor(itemEmbeddings, [itemCount, dimension]);
        using var itemsTransposed = items.t();
        using var queries = torch.tensor(queryEmbeddings, [queryCount, dimension]);

        // One score buffer for all batches, overwritten in place (addmm_ with beta 0): a fresh 100+ MB tensor
        // per batch is returned to the OS and page-faulted back every time, which made the product ~8× slower.
        using var buffer = torch.empty(batch, itemCount);
        for (var start = 0; start < queryCount; start += batch)
        {
            using var scope = torch.NewDisposeScope();
            var rows = Math.Min(batch, queryCount - start);
            var block = rows == batch ? buffer : buffer.narrow(0, 0, rows);
            block.addmm_(queries.narrow(0, start, rows), itemsTransposed, beta: 0, alpha: 1);
            MaskExcluded(block, excluded, start, rows, itemCount);
            var (values, positions) = block.topk(candidates, dim: 1, largest: true, sorted: true);
            var topValues = values.data<float>().ToArray();
            var topPositions = positions.data<long>().ToArray();
            var batchStart = start;
            Parallel.For(0, rows, () => new RowScratch(candidates, itemCount), (r, _, scratch) =>
            {
                context.Finish(
                    batchStart + r, topValues.AsSpan(r * candidates, candidates), topPositions.AsSpan(r * candidates, candidates), scratch);
                return scratch;
            }, _ => { });
        }

        return new ExactTopKResult(queryCount, stride, lengths, indices, scores);
    }

    private static int RowsOf(float[] embeddings, int dimension, string parameterName)
    {
        if (embeddings.Length % dimension != 0)
        {
            throw new ArgumentException(
                $"Length {embeddings.Length} is not a multiple of the dimension {dimension}.", parameterName);
        }

        for (var i = 0; i < embeddings.Length; i++)
        {
            if (!float.IsFinite(embeddings[i]))
            {
                throw new ArgumentException(
                    $"Embedding value {embeddings[i]} at row {i / dimension}, column {i % dimension} is not finite.", parameterName);
            }
        }

        return embeddings.Length / dimension;
    }

    private static void ValidateExcluded(ExcludedItems? excluded, int queryCount, int itemCount)
    {
        if (excluded is null)
        {
            return;
        }

        if (excluded.RowCount != queryCount)
        {
            throw new ArgumentException(
                $"Exclusions have {excluded.RowCount} rows but there are {queryCount} queries.", nameof(excluded));
        }

        foreach (var item in excluded.ItemIndices)
        {
            if ((uint)item >= (uint)itemCount)
            {
                throw new ArgumentException($"Excluded item index {item} is outside 0..{itemCount - 1}.", nameof(excluded));
            }
        }
    }

    /// <summary>Sets the excluded entries of a batch's score block to −∞ with one index_fill over the flat view.</summary>
    private static void MaskExcluded(torch.Tensor block, ExcludedItems? excluded, int start, int rows, int itemCount)
    {
        if (excluded is null)
        {
            return;
        }

        var first = excluded.Offsets[start];
        var count = excluded.Offsets[start + rows] - first;
        if (count == 0)
        {
            return;
        }

        var flat = new long[count];
        for (var r = 0; r < rows; r++)
        {
            var rowBase = (long)r * itemCount;
            for (var p = excluded.Offsets[start + r]; p < excluded.Offsets[start + r + 1]; p++)
            {
                flat[p - first] = rowBase + excluded.ItemIndices[p];
            }
        }

        // An explicit Scalar kept alive across the native call: the implicit float → Scalar temporary can be
        // finalised while libtorch still reads it (seen as a spurious "toFloat" check failure under load).
        using var positions = torch.tensor(flat);
        using var negativeInfinity = float.NegativeInfinity.ToScalar();
        using var flatView = block.view(-1);
        flatView.index_fill_(0, positions, negativeInfinity);
        GC.KeepAlive(negativeInfinity);
    }

    /// <summary>Candidates beyond k asked from topk, so that the managed re-scoring can certify the boundary.</summary>
    public const int ExtraCandidates = 16;

    private readonly record struct Candidate(float Score, int Index);

    private sealed class RowScratch(int candidates, int itemCount)
    {
        public readonly Candidate[] Candidates = new Candidate[candidates];
        private float[]? _row;
        private int[]? _chosen;

        public float[] Row => _row ??= new float[itemCount];

        public int[] Chosen => _chosen ??= new int[candidates];
    }

    /// <summary>The shared inputs and outputs of one search, with the per-row finishing step.</summary>
    private sealed class RowContext(
        float[] queries, float[] items, int dimension, int stride, ExcludedItems? excluded, int[] lengths, int[] indices, float[] scores)
    {
        private readonly float _maximumItemNorm = MaximumNorm(items, dimension);

        /// <summary>Γ_d for two dot products of length d, with slack for the norms' own rounding.</summary>
        private readonly float _relativeError = 2.5f * dimension * MathF.Pow(2, -24);

        /// <summary>Finishes row <paramref name="query"/> from topk's candidates (sorted by torch score, −∞ = excluded).</summary>
        public void Finish(int query, ReadOnlySpan<float> values, ReadOnlySpan<long> positions, RowScratch scratch)
        {
            var queryRow = queries.AsSpan(query * dimension, dimension);
            var available = 0;
            while (available < values.Length && values[available] != float.NegativeInfinity)
            {
                available++;
            }

            var chosen = scratch.Candidates.AsSpan(0, available);
            for (var i = 0; i < available; i++)
            {
                var item = (int)positions[i];
                chosen[i] = new Candidate(TensorPrimitives.Dot(queryRow, items.AsSpan(item * dimension, dimension)), item);
            }

            chosen.Sort(static (a, b) => a.Score != b.Score ? b.Score.CompareTo(a.Score) : a.Index.CompareTo(b.Index));
            var count = Math.Min(stride, available);

            // Fewer finite candidates than asked (or all items asked) means every non-excluded item was a
            // candidate: exact.
            // Otherwise an outside item scores at most (last torch score) + bound in managed arithmetic.
            if (available == values.Length && values.Length < items.Length / dimension && available > count)
            {
                var bound = _relativeError * TensorPrimitives.Norm(queryRow) * _maximumItemNorm;
                if (!(values[available - 1] + bound < chosen[count - 1].Score))
                {
                    count = ScoreWholeRow(query, queryRow, scratch, out chosen);
                }
            }

            var at = query * stride;
            for (var i = 0; i < count; i++)
            {
                indices[at + i] = chosen[i].Index;
                scores[at + i] = chosen[i].Score;
            }

            lengths[query] = count;
        }

        /// <summary>Managed scores for every item, exact top-k with ties to the lower index.</summary>
        private int ScoreWholeRow(int query, ReadOnlySpan<float> queryRow, RowScratch scratch, out Span<Candidate> chosen)
        {
            var row = scratch.Row;
            var itemCount = row.Length;
            for (var item = 0; item < itemCount; item++)
            {
                row[item] = TensorPrimitives.Dot(queryRow, items.AsSpan(item * dimension, dimension));
            }

            var sortedExcluded = excluded is null ? [] : excluded.RowAt(query).ToArray();
            Array.Sort(sortedExcluded);
            var chosenIndices = scratch.Chosen.AsSpan(0, stride);
            var chosenScores = new float[stride];
            var count = TopK.Select(row, stride, sortedExcluded, chosenIndices, chosenScores);
            chosen = scratch.Candidates.AsSpan(0, count);
            for (var i = 0; i < count; i++)
            {
                chosen[i] = new Candidate(chosenScores[i], chosenIndices[i]);
            }

            return count;
        }

        private static float MaximumNorm(float[] embeddings, int dimension)
        {
            var maximum = 0f;
            for (var row = 0; row < embeddings.Length / dimension; row++)
            {
                maximum = Math.Max(maximum, TensorPrimitives.Norm(embeddings.AsSpan(row * dimension, dimension)));
            }

            return maximum;
        }
    }
}
