using MovieRec.Features;
using MovieRec.Training;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace MovieRec.Models.TwoTower;

/// <summary>
/// The two-tower network: a <see cref="UserTower"/> and an <see cref="ItemTower"/> whose (optionally
/// L2-normalised) outputs are compared by dot product. It owns history pooling, so the history can be
/// pooled with the item tower's own id embeddings (shared) or a separate table. With
/// <see cref="TwoTowerOptions.ItemBias"/> every encoded vector is one column wider: users end in a constant 1,
/// items in their learned bias b_i, so the dot product is u·i + b_i and stays a plain dot product everywhere
/// (training logits, validation, cached vectors, Score, Recommend, approximate indexes).
/// </summary>
public sealed class TwoTowerModel : nn.Module
{
    private const long EntriesPerChunk = 1 << 20;
    private readonly ItemTower itemTower;
    private readonly UserTower userTower;
    private readonly Embedding? historyEmbedding;
    private readonly Parameter? itemBias;
    private readonly bool normalize;
    private readonly bool sumPooling;
    private readonly bool embeddingOnly;
    private readonly int dimension;

    /// <summary>Builds the network for <paramref name="userCount"/> users and the catalogue of <paramref name="features"/>.</summary>
    /// <param name="userCount">Training users (rows of the optional user-id embedding).</param>
    /// <param name="features">The catalogue's item features.</param>
    /// <param name="options">Architecture settings.</param>
    /// <param name="itemPopularity">
    /// Per-item popularity feature in [0, 1] when <see cref="TwoTowerOptions.ItemPopularityFeature"/> is on (null:
    /// zeros, to be overwritten by a checkpoint); ignored when it is off.
    /// </param>
    /// <param name="initialItemBias">
    /// Starting value of each item's bias when <see cref="TwoTowerOptions.ItemBias"/> is on (null: zeros; a checkpoint
    /// overwrites it); ignored when it is off.
    /// </param>
    public TwoTowerModel(
        long userCount, ItemFeatureTable features, TwoTowerOptions options, float[]? itemPopularity = null, float[]? initialItemBias = null)
        : base(nameof(TwoTowerModel))
    {
        ArgumentNullException.ThrowIfNull(features);
        ArgumentNullException.ThrowIfNull(options);
        dimension = options.EmbeddingDimension;
        normalize = options.NormalizeEmbeddings;
        sumPooling = options.HistoryPooling == HistoryPooling.Sum;
        embeddingOnly = options.EmbeddingOnlyTowers;
        var popularity = options.ItemPopularityFeature ? itemPopularity ?? new float[features.ItemCount] : null;
        itemTower = new ItemTower(
            features, dimension, options.YearEmbeddingDimension, options.HiddenSizes, options.Dropout, options.InitialEmbeddingScale, popularity);
        userTower = new UserTower(userCount, itemTower.GenreCount, dimension, options.UseUserIdEmbedding, options.HiddenSizes, options.Dropout, options.InitialEmbeddingScale);
        historyEmbedding = options.ShareItemEmbeddings ? null : NeuralLayers.Embedding(features.ItemCount, dimension, options.InitialEmbeddingScale);
        if (options.ItemBias)
        {
            if (initialItemBias is not null && initialItemBias.Length != features.ItemCount)
            {
                throw new ArgumentException($"{initialItemBias.Length} initial biases for {features.ItemCount} items.", nameof(initialItemBias));
            }

            itemBias = nn.Parameter(initialItemBias is null ? zeros(features.ItemCount) : tensor(initialItemBias));
        }

        RegisterComponents();
    }

    /// <summary>Width of the encoded vectors: d, or d + 1 with <see cref="TwoTowerOptions.ItemBias"/> (the 1 / bias column last).</summary>
    public int VectorWidth => itemBias is null ? dimension : dimension + 1;

    /// <summary>Item vectors for int64 item indices [n] → [n, d] (or [n, d + 1] ending in the item's bias).</summary>
    public Tensor EncodeItems(Tensor items)
    {
        var vectors = Finish(embeddingOnly ? itemTower.IdEmbeddings(items) : itemTower.forward(items));
        return itemBias is null ? vectors : cat([vectors, itemBias.index_select(0, items).unsqueeze(1)], 1);
    }

    /// <summary>
    /// User vectors from a padded history: <paramref name="historyItems"/> [n, L] item indices and
    /// <paramref name="historyMask"/> [n, L] (0 = padding, otherwise the item's pooling weight); the weighted
    /// mean of the history embeddings and of their genre rows feed the user tower. An all-zero mask pools to zeros.
    /// </summary>
    public Tensor EncodeUsers(Tensor users, Tensor historyItems, Tensor historyMask)
    {
        var mask = historyMask.to_type(ScalarType.Float32).unsqueeze(-1);
        var count = mask.sum(1).clamp_min(1e-6f);
        var pooled = Pool((HistoryVectors(historyItems) * mask).sum(1), count);
        var profile = (itemTower.GenresOf(historyItems) * mask).sum(1) / count;
        return FinishUsers(embeddingOnly ? pooled : userTower.forward(users, pooled, profile));
    }

    /// <summary>
    /// User vectors pooled over whole histories given as entries: entry e adds item
    /// <paramref name="entryItems"/>[e] with weight <paramref name="entryWeights"/>[e] (null: 1) to output row
    /// <paramref name="entryRows"/>[e]. Row r is user <paramref name="users"/>[r]. Used at recommendation time
    /// and for validation (all history, no sampling). With <paramref name="users"/> null there are
    /// <paramref name="rowCount"/> users outside training (cold start): no user-id embedding.
    /// </summary>
    public Tensor EncodeUsersFromEntries(Tensor? users, Tensor entryRows, Tensor entryItems, Tensor? entryWeights = null, long rowCount = 0)
    {
        var rows = users?.shape[0] ?? rowCount;
        var pooled = zeros(rows, dimension);
        var profile = zeros(rows, itemTower.GenreCount);
        var counts = zeros(rows);
        var total = entryItems.shape[0];
        for (long start = 0; start < total; start += EntriesPerChunk)
        {
            using var scope = NewDisposeScope();
            var length = Math.Min(EntriesPerChunk, total - start);
            var rowChunk = entryRows.narrow(0, start, length);
            var itemChunk = entryItems.narrow(0, start, length);
            var weights = entryWeights?.narrow(0, start, length) ?? ones(length);
            var column = weights.unsqueeze(1);
            pooled.index_add_(0, rowChunk, HistoryVectors(itemChunk) * column, 1);
            profile.index_add_(0, rowChunk, itemTower.GenresOf(itemChunk) * column, 1);
            counts.index_add_(0, rowChunk, weights, 1);
        }

        var divisor = counts.clamp_min(1e-6f).unsqueeze(1);
        if (embeddingOnly)
        {
            return FinishUsers(Pool(pooled, divisor));
        }

        return FinishUsers(users is null
            ? userTower.ForwardWithoutId(Pool(pooled, divisor), profile / divisor)
            : userTower.forward(users, Pool(pooled, divisor), profile / divisor));
    }

    /// <summary>
    /// Like <see cref="EncodeUsersFromEntries"/> for training: one out-of-place pass over the entries (no
    /// chunks), so gradients flow into the pooled history embeddings. Row r is user <paramref name="users"/>[r].
    /// </summary>
    public Tensor EncodeUsersFromSubsets(Tensor users, Tensor entryRows, Tensor entryItems, Tensor? entryWeights = null)
    {
        var rows = users.shape[0];
        var weights = entryWeights ?? ones(entryItems.shape[0]);
        var column = weights.unsqueeze(1);
        var pooled = zeros(rows, dimension).index_add(0, entryRows, HistoryVectors(entryItems) * column, 1);
        var profile = zeros(rows, itemTower.GenreCount).index_add(0, entryRows, itemTower.GenresOf(entryItems) * column, 1);
        var divisor = zeros(rows).index_add(0, entryRows, weights, 1).clamp_min(1e-6f).unsqueeze(1);
        return FinishUsers(embeddingOnly ? Pool(pooled, divisor) : userTower.forward(users, Pool(pooled, divisor), profile / divisor));
    }

    /// <summary>The pooling weight max(r, 0.5)^γ of history items with rating <paramref name="rating"/> (γ = 0: all 1).</summary>
    public static float HistoryWeight(float rating, double exponent) =>
        exponent == 0 ? 1f : (float)Math.Pow(Math.Max(rating, 0.5f), exponent);

    /// <summary>
    /// The large id tables that <see cref="TwoTowerOptions.SparseEmbeddingUpdates"/> updates row by row, each with a setter
    /// that attaches (or, with null, detaches) its row-wise optimizer: the movie-id table, the separate history table
    /// (when not shared) and the user-id table (when used).
    /// </summary>
    internal IReadOnlyList<(Tensor Weight, Action<LazyAdamTable?> Attach)> SparseTables()
    {
        var tables = new List<(Tensor, Action<LazyAdamTable?>)> { (itemTower.IdWeight, rows => itemTower.IdRows = rows) };
        if (historyEmbedding is not null)
        {
            tables.Add((historyEmbedding.weight!, rows => HistoryRows = rows));
        }

        if (userTower.IdWeight is { } userWeight)
        {
            tables.Add((userWeight, rows => userTower.IdRows = rows));
        }

        return tables;
    }

    /// <summary>With sparse updates and a separate history table: its row-wise optimizer (read through while rows are open).</summary>
    internal LazyAdamTable? HistoryRows { get; private set; }

    /// <summary>The row-wise optimizers attached by <see cref="SparseTables"/> (null when absent): item ids, history, user ids.</summary>
    internal (LazyAdamTable? ItemIds, LazyAdamTable? History, LazyAdamTable? UserIds) AttachedRows => (itemTower.IdRows, HistoryRows, userTower.IdRows);

    /// <summary>The pooled history embedding from its weighted sum: divided by the total weight (mean) or kept (sum).</summary>
    private Tensor Pool(Tensor weightedSum, Tensor totalWeight) => sumPooling ? weightedSum : weightedSum / totalWeight;

    private Tensor HistoryVectors(Tensor items) =>
        historyEmbedding is null ? itemTower.IdEmbeddings(items)
        : HistoryRows is { IsOpen: true } rows ? rows.Lookup(items) : historyEmbedding.forward(items);

    private Tensor Finish(Tensor vectors) => normalize ? nn.functional.normalize(vectors, p: 2, dim: 1) : vectors;

    /// <summary>Normalised user vectors, with the constant-1 column that multiplies the item bias when there is one.</summary>
    private Tensor FinishUsers(Tensor vectors)
    {
        var finished = Finish(vectors);
        return itemBias is null ? finished : cat([finished, ones(finished.shape[0], 1)], 1);
    }
}
