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
/// <para>Determinism. <c>torch.topk</c> does not promise which of several equal scores it returns, so
/// results are made deterministic in two passes. (1) Boundary: topk is asked for k + 1 candidates; when
/// the k-th and (k+1)-th scores are equal, tied items may have been dropped arbitrarily, and that row is
/// redone with the managed <see cref="TopK.Select"/> over the whole score row, which breaks ties by the
/// lower index. (2) Order: the k chosen items are re-scored with a managed dot product
/// (<see cref="TensorPrimitives.Dot(ReadOnlySpan{float}, ReadOnlySpan{float})"/>, the same function
/// models use in <c>Score</c>) and sorted by score descending, then index ascending. So a query's row and
/// scores do not depend on the batch it was computed in (up to the matrix product's rounding when two
/// items' scores differ by about 1e-7, which decides only which of two near-equal items is chosen).</para>
/// <para>Embeddings must be finite (checked). Items whose score is −∞ are treated as excluded, so a row
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
        var candidates = Math.Min(stride + 1, itemCount);
        var batch = (int)Math.Clamp(options.MaximumBatchBytes / (4L * itemCount), 1, queryCount);
        var context = new RowContext(queryEmbeddings, itemEmbeddings, dimension, stride, excluded, lengths, indices, scores);
        using var items = torch.tensor(itemEmbeddings, [itemCount, dimension]);
        using var itemsTransposed = items.t();
        using var queries = torch.tensor(queryEmbeddings, [queryCount, dimension]);
        for (var start = 0; start < queryCount; start += batch)
        {
            using var scope = torch.NewDisposeScope();
            var rows = Math.Min(batch, queryCount - start);
            var block = queries.narrow(0, start, rows).matmul(itemsTransposed);
            MaskExcluded(block, excluded, start, rows, itemCount);
            var (values, positions) = block.topk(candidates, dim: 1, largest: true, sorted: true);
            var topValues = values.data<float>().ToArray();
            var topPositions = positions.data<long>().ToArray();
            var tiedRows = new System.Collections.Concurrent.ConcurrentBag<int>();
            Parallel.For(0, rows, () => new Candidate[candidates], (r, _, buffer) =>
            {
                if (!context.FinishFromCandidates(start + r, topValues.AsSpan(r * candidates, candidates),
                        topPositions.AsSpan(r * candidates, candidates), buffer))
                {
                    tiedRows.Add(r);
                }

                return buffer;
            }, _ => { });

            foreach (var r in tiedRows.Order())
            {
                using var row = block[r];
                context.FinishFromFullRow(start + r, row.data<float>().ToArray());
            }
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

        using var positions = torch.tensor(flat);
        block.view(-1).index_fill_(0, positions, float.NegativeInfinity);
    }

    private readonly record struct Candidate(float Score, int Index);

    /// <summary>The shared inputs and outputs of one search, with the per-row finishing steps.</summary>
    private sealed class RowContext(
        float[] queries, float[] items, int dimension, int stride, ExcludedItems? excluded, int[] lengths, int[] indices, float[] scores)
    {
        /// <summary>Finishes a row from topk's candidates; false when a tie at the k-th place needs the full row.</summary>
        public bool FinishFromCandidates(int query, ReadOnlySpan<float> values, ReadOnlySpan<long> positions, Candidate[] buffer)
        {
            var available = 0;
            while (available < values.Length && values[available] != float.NegativeInfinity)
            {
                available++;
            }

            if (available > stride && values[stride - 1] == values[stride])
            {
                return false;
            }

            var count = Math.Min(stride, available);
            for (var i = 0; i < count; i++)
            {
                buffer[i] = new Candidate(0, (int)positions[i]);
            }

            Write(query, buffer.AsSpan(0, count));
            return true;
        }

        /// <summary>Finishes a row with the managed heap selection, which breaks ties by the lower index.</summary>
        public void FinishFromFullRow(int query, float[] row)
        {
            var sortedExcluded = excluded is null ? [] : excluded.RowAt(query).ToArray();
            Array.Sort(sortedExcluded);
            var chosen = new int[stride];
            var chosenScores = new float[stride];
            var count = TopK.Select(row, stride, sortedExcluded, chosen, chosenScores);
            while (count > 0 && chosenScores[count - 1] == float.NegativeInfinity)
            {
                count--;
            }

            var buffer = new Candidate[count];
            for (var i = 0; i < count; i++)
            {
                buffer[i] = new Candidate(0, chosen[i]);
            }

            Write(query, buffer);
        }

        /// <summary>Re-scores the chosen items with the managed dot product and writes them best first.</summary>
        private void Write(int query, Span<Candidate> chosen)
        {
            var queryRow = queries.AsSpan(query * dimension, dimension);
            for (var i = 0; i < chosen.Length; i++)
            {
                var item = chosen[i].Index;
                chosen[i] = new Candidate(TensorPrimitives.Dot(queryRow, items.AsSpan(item * dimension, dimension)), item);
            }

            chosen.Sort(static (a, b) => a.Score != b.Score ? b.Score.CompareTo(a.Score) : a.Index.CompareTo(b.Index));
            var at = query * stride;
            for (var i = 0; i < chosen.Length; i++)
            {
                indices[at + i] = chosen[i].Index;
                scores[at + i] = chosen[i].Score;
            }

            lengths[query] = chosen.Length;
        }
    }
}
