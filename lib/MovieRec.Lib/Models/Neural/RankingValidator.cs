using static TorchSharp.torch;

namespace MovieRec.Models.Neural;

/// <summary>
/// Per-epoch HR@K, Recall@K and NDCG@K for models that score a whole catalogue row per user with an
/// arbitrary network (NeuMF, the transformer), where <see cref="Training.RetrievalValidator"/> needs a dot
/// product of embeddings. Same conventions: training items excluded, binary relevance, NDCG over
/// min(K, |relevant|) ideal positions, averaged over users with a relevant item. At most
/// <c>maximumUsers</c> users (evenly spaced) are scored, so validation stays a small part of an epoch.
/// </summary>
internal sealed class RankingValidator : IDisposable
{
    private readonly List<Chunk> _chunks = [];
    private readonly int _itemCount;
    private readonly Tensor _discounts;

    /// <param name="itemCount">Catalogue size.</param>
    /// <param name="excludedOffsets">CSR row starts (one row per user index) of items to leave out.</param>
    /// <param name="excludedItems">Items to leave out.</param>
    /// <param name="relevantOffsets">CSR row starts of the held-out items.</param>
    /// <param name="relevantItems">Held-out items.</param>
    /// <param name="k">Cut-off.</param>
    /// <param name="maximumUsers">Largest number of users scored.</param>
    /// <param name="usersPerChunk">Users scored in one call of the score function.</param>
    public RankingValidator(
        int itemCount, int[] excludedOffsets, int[] excludedItems, int[] relevantOffsets, int[] relevantItems, int k, int maximumUsers, int usersPerChunk)
    {
        _itemCount = itemCount;
        K = Math.Min(k, itemCount);
        var candidates = Enumerable.Range(0, relevantOffsets.Length - 1).Where(r => relevantOffsets[r + 1] > relevantOffsets[r]).ToArray();
        var step = Math.Max(1.0, (double)candidates.Length / maximumUsers);
        var rows = new List<int>();
        for (var position = 0.0; (int)position < candidates.Length && rows.Count < maximumUsers; position += step)
        {
            rows.Add(candidates[(int)position]);
        }

        UserCount = rows.Count;
        for (var start = 0; start < rows.Count; start += usersPerChunk)
        {
            var chunkRows = rows.Skip(start).Take(usersPerChunk).ToArray();
            var excluded = new List<long>();
            var relevant = new List<long>();
            var counts = new float[chunkRows.Length];
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

                counts[i] = relevantOffsets[r + 1] - relevantOffsets[r];
            }

            _chunks.Add(new Chunk(
                tensor(chunkRows.Select(r => (long)r).ToArray()).DetachFromDisposeScope(),
                tensor(excluded.ToArray()).DetachFromDisposeScope(),
                tensor(relevant.ToArray()).DetachFromDisposeScope(),
                tensor(counts).DetachFromDisposeScope()));
        }

        _discounts = (1.0 / log2(arange(2, K + 2, dtype: ScalarType.Float32))).DetachFromDisposeScope();
    }

    /// <summary>Cut-off used (at most the catalogue size).</summary>
    public int K { get; }

    /// <summary>Users scored.</summary>
    public int UserCount { get; }

    /// <summary>
    /// "hr@K", "recall@K" and "ndcg@K" of the scores <paramref name="scoreUsers"/> gives: it receives int64
    /// user indices [n] and returns [n, items] scores (larger = better).
    /// </summary>
    public Dictionary<string, double> Evaluate(Func<Tensor, Tensor> scoreUsers)
    {
        double hitSum = 0, recallSum = 0, ndcgSum = 0;
        using (no_grad())
        {
            foreach (var chunk in _chunks)
            {
                using var scope = NewDisposeScope();
                var rows = chunk.Rows.shape[0];
                var scores = scoreUsers(chunk.Rows).to_type(ScalarType.Float32).contiguous();
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
                var ideal = _discounts.cumsum(0).index_select(0, chunk.RelevantCounts.clamp_max(K).to_type(ScalarType.Int64) - 1);
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

    private sealed record Chunk(Tensor Rows, Tensor Excluded, Tensor Relevant, Tensor RelevantCounts);
}
