using static TorchSharp.torch;

namespace MovieRec.Training;

/// <summary>
/// HR@K, Recall@K and NDCG@K of a model on held-out items, computed with torch (score, mask, topk) in chunks
/// of users, for per-epoch validation of every neural model: dot-product models pass embeddings
/// (<see cref="Evaluate(Tensor, Tensor)"/>), models that score a catalogue row with a network pass a score
/// function (<see cref="Evaluate(Func{Tensor, Tensor})"/>). Conventions match
/// <see cref="Evaluation.RankingMetrics"/>: binary relevance, Recall = hits / |relevant|, NDCG = DCG / ideal
/// DCG over min(K, |relevant|) items, averaged over users with a relevant item.
/// </summary>
public sealed class RetrievalValidator : IDisposable
{
    private readonly List<Chunk> _chunks = [];
    private readonly int _itemCount;
    private readonly Tensor _discounts;

    /// <summary>
    /// Prepares the masks once. Row r of both CSR structures belongs to query row r of the embeddings later
    /// passed to an <c>Evaluate</c> overload; rows without relevant items are dropped here.
    /// </summary>
    /// <param name="itemCount">Catalogue size (columns).</param>
    /// <param name="excludedOffsets">Row starts of the items to leave out (the user's training items).</param>
    /// <param name="excludedItems">Item indices to leave out.</param>
    /// <param name="relevantOffsets">Row starts of the held-out items.</param>
    /// <param name="relevantItems">Held-out item indices.</param>
    /// <param name="k">Cut-off.</param>
    /// <param name="usersPerChunk">Rows scored at once (memory: rows × items floats).</param>
    /// <param name="maximumUsers">At most this many users (evenly spaced) are scored, so validation of models
    /// that are costly to score stays a small part of an epoch. Default: all.</param>
    public RetrievalValidator(
        int itemCount, int[] excludedOffsets, int[] excludedItems, int[] relevantOffsets, int[] relevantItems, int k,
        int usersPerChunk = 512, int maximumUsers = int.MaxValue)
    {
        ArgumentNullException.ThrowIfNull(excludedOffsets);
        ArgumentNullException.ThrowIfNull(excludedItems);
        ArgumentNullException.ThrowIfNull(relevantOffsets);
        ArgumentNullException.ThrowIfNull(relevantItems);
        ArgumentOutOfRangeException.ThrowIfLessThan(itemCount, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(k, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(maximumUsers, 1);
        if (excludedOffsets.Length != relevantOffsets.Length)
        {
            throw new ArgumentException("Both CSR structures need one row per user.", nameof(relevantOffsets));
        }

        _itemCount = itemCount;
        K = Math.Min(k, itemCount);
        var rows = EvenlySpaced(
            Enumerable.Range(0, relevantOffsets.Length - 1).Where(r => relevantOffsets[r + 1] > relevantOffsets[r]).ToArray(), maximumUsers);
        UserCount = rows.Length;
        for (var start = 0; start < rows.Length; start += usersPerChunk)
        {
            var chunkRows = rows.AsSpan(start, Math.Min(usersPerChunk, rows.Length - start)).ToArray();
            var excluded = new List<long>();
            var relevant = new List<long>();
            var relevantCounts = new float[chunkRows.Length];
            for (var i = 0; i < chunkRows.Length; i++)
            {
                var r = chunkRows[i];
                for (var p = excludedOffsets[r]; p < excludedOffsets[r + 1]; p++)
                {
                    excluded.Add(((long)i * itemCount) + excludedItems[p]);
                }

                for (var p = relevantOffsets[r]; p < relevantOffsets[r + 1]; p++)
                {
                    relevant.Add(((long)i * itemCount) + relevantItems[p]);
                }

                relevantCounts[i] = relevantOffsets[r + 1] - relevantOffsets[r];
            }

            _chunks.Add(new Chunk(
                tensor(chunkRows.Select(r => (long)r).ToArray()).DetachFromDisposeScope(),
                tensor(excluded.ToArray()).DetachFromDisposeScope(),
                tensor(relevant.ToArray()).DetachFromDisposeScope(),
                tensor(relevantCounts).DetachFromDisposeScope()));
        }

        _discounts = (1.0 / log2(arange(2, K + 2, dtype: ScalarType.Float32))).DetachFromDisposeScope();
    }

    /// <summary>Cut-off actually used (at most the catalogue size).</summary>
    public int K { get; }

    /// <summary>Users with at least one relevant item (the averaging denominator).</summary>
    public int UserCount { get; }

    /// <summary>
    /// Mean HR@K, Recall@K and NDCG@K ("hr@K", "recall@K", "ndcg@K") of scores <c>queries · items</c>.
    /// </summary>
    /// <param name="queries">[rows, d] query embeddings, one per CSR row given to the constructor.</param>
    /// <param name="items">[items, d] item embeddings.</param>
    public Dictionary<string, double> Evaluate(Tensor queries, Tensor items)
    {
        ArgumentNullException.ThrowIfNull(queries);
        ArgumentNullException.ThrowIfNull(items);
        return Evaluate(rows => queries.index_select(0, rows).matmul(items.t()));
    }

    /// <summary>
    /// Mean HR@K, Recall@K and NDCG@K of the scores <paramref name="scoreRows"/> gives: it receives int64 CSR row
    /// (user) indices [n] and returns [n, items] scores, larger is better.
    /// </summary>
    public Dictionary<string, double> Evaluate(Func<Tensor, Tensor> scoreRows)
    {
        ArgumentNullException.ThrowIfNull(scoreRows);
        double hitSum = 0, recallSum = 0, ndcgSum = 0;
        using (no_grad())
        {
            foreach (var chunk in _chunks)
            {
                using var scope = NewDisposeScope();
                var rows = chunk.Rows.shape[0];
                var scores = scoreRows(chunk.Rows).to_type(ScalarType.Float32).contiguous();
                var flat = scores.view(-1);
                if (chunk.Excluded.shape[0] > 0)
                {
                    flat.index_fill_(0, chunk.Excluded, float.NegativeInfinity);
                }

                var top = scores.topk(K, dim: 1).indexes;
                var relevance = zeros(rows * _itemCount, dtype: ScalarType.Float32);
                relevance.index_fill_(0, chunk.Relevant, 1f);
                var hits = relevance.view(rows, _itemCount).gather(1, top);
                var hitCounts = hits.sum(1);
                hitSum += hitCounts.gt(0).sum().item<long>();
                recallSum += (hitCounts / chunk.RelevantCounts).sum().item<float>();
                var dcg = (hits * _discounts).sum(1);
                var idealCount = chunk.RelevantCounts.clamp_max(K).to_type(ScalarType.Int64) - 1;
                var ideal = _discounts.cumsum(0).index_select(0, idealCount);
                ndcgSum += (dcg / ideal).sum().item<float>();
            }
        }

        var users = Math.Max(1, UserCount);
        return new Dictionary<string, double>
        {
            [$"hr@{K}"] = hitSum / users,
            [$"recall@{K}"] = recallSum / users,
            [$"ndcg@{K}"] = ndcgSum / users,
        };
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        foreach (var chunk in _chunks)
        {
            chunk.Rows.Dispose();
            chunk.Excluded.Dispose();
            chunk.Relevant.Dispose();
            chunk.RelevantCounts.Dispose();
        }

        _chunks.Clear();
        _discounts.Dispose();
    }

    /// <summary>At most <paramref name="maximum"/> of <paramref name="rows"/>, evenly spaced, in order.</summary>
    private static int[] EvenlySpaced(int[] rows, int maximum)
    {
        if (rows.Length <= maximum)
        {
            return rows;
        }

        var step = (double)rows.Length / maximum;
        return Enumerable.Range(0, maximum).Select(i => rows[(int)(i * step)]).ToArray();
    }

    private sealed record Chunk(Tensor Rows, Tensor Excluded, Tensor Relevant, Tensor RelevantCounts);
}
