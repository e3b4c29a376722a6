using System.Diagnostics.Metrics;
using System.Runtime.InteropServices;
using MovieRec.Training;
using TorchSharp;
using static TorchSharp.torch;

namespace MovieRec.Models.TwoTower;

/// <summary>
/// The two-tower loss for <see cref="TrainingLoop"/>: one example per (user, training item) pair; each batch
/// is an in-batch sampled softmax (every row's positive is a negative for the other rows) with optional
/// shared uniform negatives, log-Q correction and accidental-hit removal. The history sample and the
/// candidate set come from gathers over CSR tensors; the accidental-hit mask from the managed CSR arrays.
/// </summary>
/// <remarks>
/// Log-Q (Yi et al., RecSys 2019): a candidate j enters a batch of B in-batch positives and M uniform
/// negatives with expected count q_j = B·p_j + M/N, where p_j is its share of training examples; the
/// sampled softmax estimates the full softmax once log q_j is subtracted from every logit, so popular items
/// are not over-penalised for appearing as negatives more often. Accidental hits: a candidate that is one
/// of the row user's training items (other than the row's positive) is masked out, because pushing it down
/// would contradict another example.
/// </remarks>
internal sealed class TwoTowerTrainingTask : ISparseUpdateTask, IDisposable
{
    /// <summary>Name of the <see cref="Meter"/> whose counter "examples" counts training examples as batches are built (for progress of long epochs).</summary>
    public const string MeterName = "MovieRec.TwoTower.Training";

    private static readonly Meter TrainingMeter = new(MeterName);
    private static readonly Counter<long> ExamplesCounter = TrainingMeter.CreateCounter<long>("examples", unit: "{example}");
    private readonly TwoTowerModel _model;
    private readonly TwoTowerOptions _options;
    private readonly long _itemCount;
    private readonly TwoTowerInteractions _data;
    private readonly Tensor _itemShare;
    private readonly int[] _fitOffsets;
    private readonly int[] _fitItems;
    private readonly int[] _candidateHead;
    private readonly Tensor? _userWeights;
    private readonly IReadOnlyList<(Tensor Weight, Action<LazyAdamTable?> Attach)> _sparseTables;
    private List<LazyAdamTable>? _sparseOptimizers;

    /// <param name="model">The network to train.</param>
    /// <param name="options">Loss and sampling settings.</param>
    /// <param name="fit">Training pairs (users × items CSR); also each user's history and seen set.</param>
    /// <param name="validation">Held-out pairs scored each epoch, or null for no validation.</param>
    public TwoTowerTrainingTask(TwoTowerModel model, TwoTowerOptions options, SeenItems fit, SeenItems? validation)
    {
        _model = model;
        _options = options;
        _itemCount = fit.ItemCount;
        _data = new TwoTowerInteractions(options, fit, validation);
        using (var scope = NewDisposeScope())
        {
            var counts = zeros(_itemCount, dtype: ScalarType.Float32).index_add_(0, _data.EntryItems, ones(fit.Count), 1);
            _itemShare = (counts / Math.Max(1, fit.Count)).DetachFromDisposeScope();
        }

        // Accidental hits are looked up in the managed CSR arrays (already held by the caller's SeenItems).
        _fitOffsets = fit.Offsets;
        _fitItems = fit.ItemIndices;
        _candidateHead = new int[_itemCount];
        Array.Fill(_candidateHead, -1);

        if (options.UserWeightExponent > 0)
        {
            // Example weight n_u^-β: with β = 1 every user contributes equally, as NDCG averages users.
            _userWeights = _data.UserLengths.to_type(ScalarType.Float32).clamp_min(1f).pow(-options.UserWeightExponent).DetachFromDisposeScope();
        }

        // Sparse updates: the big id tables leave the loop's dense optimizer (it takes only parameters that require
        // grad) and are updated row by row in ApplySparseUpdates; Dispose hands them back.
        _sparseTables = options.SparseEmbeddingUpdates ? model.SparseTables() : [];
        foreach (var (weight, _) in _sparseTables)
        {
            weight.requires_grad_(false);
        }
    }

    public nn.Module Module => _model;

    public long ExampleCount => _data.EntryItems.shape[0];

    public Tensor ComputeLoss(TrainingBatch batch)
    {
        var generator = batch.Generator;
        var examples = batch.ExampleIndices;
        var users = _data.EntryUsers.index_select(0, examples);
        var positives = _data.EntryItems.index_select(0, examples);
        var rows = examples.shape[0];
        ExamplesCounter.Add(rows);
        var (history, mask) = SampleHistory(users, positives, generator);

        // Candidates are drawn here, before any encoding, so sparse updates can open the rows the batch reads (the
        // generator's draw order is the one it always had: history, then uniform negatives).
        var candidates = _options.Loss == TwoTowerLoss.FullSoftmax ? _data.AllItems : SampledCandidates(positives, generator);
        OpenSparseRows(users, history, candidates);
        var userVectors = _model.EncodeUsers(users, history, mask);

        var logits = _options.Loss == TwoTowerLoss.FullSoftmax
            ? FullSoftmaxLogits(userVectors, users, positives)
            : SampledSoftmaxLogits(userVectors, users, candidates);

        // Full softmax: the target is the positive's catalogue index; sampled: the row's own column.
        var targets = _options.Loss == TwoTowerLoss.FullSoftmax ? positives : arange(rows, dtype: ScalarType.Int64);
        if (_userWeights is null)
        {
            return nn.functional.cross_entropy(logits, targets);
        }

        var weights = _userWeights.index_select(0, users);
        var losses = nn.functional.cross_entropy(logits, targets, reduction: nn.Reduction.None);
        return (losses * weights).sum() / weights.sum();
    }

    /// <summary>[rows, N] logits against the whole catalogue; the row user's other training items are masked out.</summary>
    private Tensor FullSoftmaxLogits(Tensor userVectors, Tensor users, Tensor positives)
    {
        var rows = users.shape[0];
        var itemVectors = _model.EncodeItems(_data.AllItems);
        var logits = userVectors.matmul(itemVectors.t()) / _options.Temperature;
        if (!_options.RemoveAccidentalHits)
        {
            return logits;
        }

        // Every training item of every row's user, gathered over the CSR rows without a per-example loop.
        var (rowIds, positions) = CsrBatch.Entries(users, _data.UserOffsets, _data.UserLengths);
        var mask = CsrBatch.Mask(rowIds, _data.EntryItems.index_select(0, positions), rows, _itemCount);
        mask = mask.index_put_(tensor(false), arange(rows, dtype: ScalarType.Int64), positives);
        return logits.masked_fill(mask, -1e9f);
    }

    /// <summary>[B + M] candidate items: the batch's positives, then M shared uniform negatives.</summary>
    private Tensor SampledCandidates(Tensor positives, Generator generator)
    {
        var negatives = _options.UniformNegatives;
        if (negatives == 0)
        {
            return positives;
        }

        var drawn = (rand([negatives], generator: generator) * _itemCount).floor().to_type(ScalarType.Int64).clamp_max(_itemCount - 1);
        return cat([positives, drawn], 0);
    }

    /// <summary>[rows, B + M] logits against the candidates (the batch's positives and M shared uniform negatives), log-Q corrected.</summary>
    private Tensor SampledSoftmaxLogits(Tensor userVectors, Tensor users, Tensor candidates)
    {
        var rows = users.shape[0];
        var negatives = _options.UniformNegatives;
        var itemVectors = _model.EncodeItems(candidates);
        var logits = userVectors.matmul(itemVectors.t()) / _options.Temperature;
        if (_options.LogQCorrection)
        {
            var expected = (_itemShare.index_select(0, candidates) * rows) + ((double)negatives / _itemCount);
            logits = logits - (expected.clamp_min(1e-12).log() * _options.LogQCorrectionWeight).unsqueeze(0);
        }

        if (_options.RemoveAccidentalHits)
        {
            logits = logits.masked_fill(AccidentalHits(users, candidates), -1e9f);
        }

        return logits;
    }

    public ValidationResult? Validate() => _data.Validate(_model, _options);

    public void BeginSparseUpdates(TrainingOptions options)
    {
        EndSparseUpdates();
        if (_sparseTables.Count == 0)
        {
            return;
        }

        _sparseOptimizers = [];
        foreach (var (weight, attach) in _sparseTables)
        {
            var table = new LazyAdamTable(weight, options.Optimizer, options.WeightDecay);
            _sparseOptimizers.Add(table);
            attach(table);
        }
    }

    public void ApplySparseUpdates(double learningRate)
    {
        foreach (var table in _sparseOptimizers ?? [])
        {
            table.Step(learningRate);
        }
    }

    public void EndSparseUpdates()
    {
        foreach (var (_, attach) in _sparseTables)
        {
            attach(null);
        }

        foreach (var table in _sparseOptimizers ?? [])
        {
            table.Dispose();
        }

        _sparseOptimizers = null;
    }

    /// <summary>
    /// With sparse updates, opens this batch's rows of each big table: the movie ids of the history and the candidates
    /// (history only in the separate history table, candidates only in the item table when it is not shared), the users.
    /// </summary>
    private void OpenSparseRows(Tensor users, Tensor history, Tensor candidates)
    {
        var (itemIds, historyRows, userIds) = _model.AttachedRows;
        if (itemIds is null)
        {
            return;
        }

        itemIds.Open(historyRows is null ? cat([history.reshape(-1), candidates], 0) : candidates);
        historyRows?.Open(history);
        userIds?.Open(users);
    }

    public void Dispose()
    {
        EndSparseUpdates();
        foreach (var (weight, _) in _sparseTables)
        {
            weight.requires_grad_(true);
        }

        _userWeights?.Dispose();
        _itemShare.Dispose();
        _data.Dispose();
    }

    /// <summary>
    /// [rows, L] history items and pooling weights: all of a user's items when they fit in L, else L uniform
    /// draws (with replacement) from the user's CSR row; the row's own positive gets weight 0 (it is the
    /// target), with history dropout each slot is kept with probability 1 − p, and with a rating exponent a
    /// kept slot weighs its rating weight (otherwise 1).
    /// </summary>
    private (Tensor Items, Tensor Weights) SampleHistory(Tensor users, Tensor positives, Generator generator)
    {
        var rows = users.shape[0];
        long size = _options.HistorySampleSize;
        var lengths = _data.UserLengths.index_select(0, users).unsqueeze(1);
        var slots = arange(size, dtype: ScalarType.Int64).unsqueeze(0);
        var drawn = (rand([rows, size], generator: generator) * lengths.to_type(ScalarType.Float32)).floor().to_type(ScalarType.Int64);
        var positions = where(lengths.le(size), slots.expand(rows, size), drawn);
        positions = minimum(positions, (lengths - 1).clamp_min(0));
        var flat = (_data.UserOffsets.index_select(0, users).unsqueeze(1) + positions).reshape(-1);
        var items = _data.EntryItems.index_select(0, flat).view(rows, size);
        var mask = slots.lt(lengths).logical_and(items.ne(positives.unsqueeze(1)));
        if (_options.HistoryDropout > 0)
        {
            mask = mask.logical_and(rand([rows, size], generator: generator).ge(_options.HistoryDropout));
        }

        var weights = mask.to_type(ScalarType.Float32);
        if (_data.EntryWeights is not null)
        {
            weights = weights * _data.EntryWeights.index_select(0, flat).view(rows, size);
        }

        return (items, weights);
    }

    /// <summary>[rows, candidates] true where the candidate is a training item of the row's user, except the row's own positive.</summary>
    /// <remarks>
    /// Found on the managed CSR arrays rather than by a tensor searchsorted of rows × candidates keys over all
    /// training (user, item) keys: those binary searches miss the cache once the keys outgrow it, and took about a
    /// third of every step on a 2 % sample of the ML-25M shape, more on all 25 M keys (docs/benchmarks-twotower.md). Here each
    /// row walks its user's item list once and finds the candidate columns holding that item through a per-batch
    /// linked list indexed by item, so the cost is Σ n_u over the batch rows. The mask is the same as before; it
    /// is written straight into the tensor's storage (no managed copy, which TorchSharp would pin per batch).
    /// </remarks>
    private Tensor AccidentalHits(Tensor users, Tensor candidates)
    {
        var rowUsers = users.contiguous();
        var columnItems = candidates.contiguous();
        var mask = zeros(rowUsers.shape[0], columnItems.shape[0], dtype: ScalarType.Bool);
        MarkAccidentalHits(
            MemoryMarshal.Cast<byte, long>(rowUsers.bytes), MemoryMarshal.Cast<byte, long>(columnItems.bytes), _fitOffsets, _fitItems, _candidateHead, mask.bytes);
        return mask;
    }

    /// <summary>
    /// Sets <paramref name="mask"/>[r · columns + c] to 1 where candidate <paramref name="columnItems"/>[c] is one of
    /// the items of user <paramref name="rowUsers"/>[r] in the CSR (<paramref name="offsets"/>, <paramref name="items"/>)
    /// and c ≠ r (the row's own positive is not a hit); other bytes are left as they are (zeros from the caller).
    /// <paramref name="head"/> is scratch of length N filled with −1, and is left filled with −1.
    /// </summary>
    internal static void MarkAccidentalHits(
        ReadOnlySpan<long> rowUsers, ReadOnlySpan<long> columnItems, int[] offsets, int[] items, int[] head, Span<byte> mask)
    {
        var columns = columnItems.Length;

        // head[item] = the last column holding item, next[column] = the previous column holding the same item, −1 ends.
        var next = new int[columns];
        for (var c = 0; c < columns; c++)
        {
            var item = (int)columnItems[c];
            next[c] = head[item];
            head[item] = c;
        }

        try
        {
            for (var r = 0; r < rowUsers.Length; r++)
            {
                var user = (int)rowUsers[r];
                var row = mask.Slice(r * columns, columns);
                foreach (var item in items.AsSpan(offsets[user], offsets[user + 1] - offsets[user]))
                {
                    for (var c = head[item]; c >= 0; c = next[c])
                    {
                        row[c] = 1;
                    }
                }

                if (r < columns)
                {
                    row[r] = 0;
                }
            }
        }
        finally
        {
            foreach (var item in columnItems)
            {
                head[(int)item] = -1;
            }
        }
    }
}
