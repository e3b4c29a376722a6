using MovieRec.Training;
using TorchSharp;
using static TorchSharp.torch;

namespace MovieRec.Models.TwoTower;

/// <summary>
/// The <see cref="TwoTowerLoss.UserMultinomial"/> loss for <see cref="TrainingLoop"/>: one example per user.
/// Each time a user is in a batch, their training items are split at random into an input part (a share
/// <see cref="TwoTowerOptions.InputFraction"/> of them, at least one, and at least one left as target) that
/// the user tower pools, and a target part. The item tower encodes the whole catalogue once per batch; the
/// logits u·i/τ over all items with the input items masked out give a softmax whose log-probabilities of the
/// targets are averaged per user (weight n_target^(1−β) on the sum with β = <see cref="TwoTowerOptions.UserWeightExponent"/>:
/// β = 1 is the per-user mean, every user counting the same) and then over the batch's users. Options:
/// <see cref="TwoTowerOptions.ReconstructInput"/> makes every item a target and masks nothing (Mult-DAE's
/// denoising reconstruction); <see cref="TwoTowerOptions.PopularityBoost"/> γ subtracts γ·log p_j from the
/// training logits so the learned scores favour popular movies by that much.
/// </summary>
/// <remarks>
/// This is the multinomial likelihood of Mult-DAE/Mult-VAE (Liang et al., <i>Variational autoencoders for
/// collaborative filtering</i>, WWW 2018) with a two-tower network as the "decoder": it matches the evaluation,
/// which asks for a user's held-out movies among the ones not in their history. The split is built as
/// tensors: a uniform key per CSR entry plus the row number, one argsort, and the rank within the row
/// compared with the row's input count; there is no per-user managed loop in a training step.
/// </remarks>
internal sealed class UserMultinomialTrainingTask : ITrainingTask, IDisposable
{
    private const float Masked = -1e9f;
    private readonly TwoTowerModel _model;
    private readonly TwoTowerOptions _options;
    private readonly long _itemCount;
    private readonly TwoTowerInteractions _data;
    private readonly Tensor? _popularityOffset;

    /// <param name="model">The network to train.</param>
    /// <param name="options">Loss settings.</param>
    /// <param name="fit">Training pairs (users × items CSR).</param>
    /// <param name="validation">Held-out pairs scored each epoch, or null for no validation.</param>
    public UserMultinomialTrainingTask(TwoTowerModel model, TwoTowerOptions options, SeenItems fit, SeenItems? validation)
    {
        _model = model;
        _options = options;
        _itemCount = fit.ItemCount;
        _data = new TwoTowerInteractions(options, fit, validation);
        if (options.PopularityBoost > 0)
        {
            // γ·log((c_j + 1) / (C + N)): subtracted from the training logits, so the learned scores must carry it.
            using var scope = NewDisposeScope();
            var counts = zeros(_itemCount, dtype: ScalarType.Float32).index_add_(0, _data.EntryItems, ones(fit.Count), 1) + 1;
            _popularityOffset = ((counts / counts.sum()).log() * options.PopularityBoost).unsqueeze(0).DetachFromDisposeScope();
        }
    }

    public nn.Module Module => _model;

    /// <summary>One example per training user.</summary>
    public long ExampleCount => _data.UserLengths.shape[0];

    public Tensor ComputeLoss(TrainingBatch batch)
    {
        var users = batch.ExampleIndices;
        var split = Split(users, batch.Generator);
        var logProbabilities = nn.functional.log_softmax(TrainingLogits(users, split), 1);
        var target = _options.ReconstructInput
            ? arange(split.Rows.shape[0], dtype: ScalarType.Int64)
            : split.IsInput.logical_not().nonzero().squeeze(1);
        var targetRows = split.Rows.index_select(0, target);
        var targetFlat = (targetRows * _itemCount) + split.Items.index_select(0, target);
        var picked = logProbabilities.view(-1).index_select(0, targetFlat);
        var perUser = zeros(users.shape[0]).index_add(0, targetRows, picked, 1);

        // Sum over a user's targets times n_t^-β: β = 1 is the mean, so every user weighs the same.
        var targetCounts = (_options.ReconstructInput ? split.Lengths : split.Lengths - split.InputCounts).to_type(ScalarType.Float32);
        var hasTargets = targetCounts.gt(0).to_type(ScalarType.Float32);
        var scale = targetCounts.clamp_min(1f).pow(-_options.UserWeightExponent) * hasTargets;
        return -(perUser * scale).sum() / hasTargets.sum().clamp_min(1f);
    }

    /// <summary>
    /// [rows, N] training logits of the batch users <paramref name="users"/> against the whole catalogue: the
    /// user vectors pool only the input items of <paramref name="split"/>; u·i/τ, minus the popularity offset
    /// when <see cref="TwoTowerOptions.PopularityBoost"/> is on; the input items are masked out (−10⁹) unless
    /// <see cref="TwoTowerOptions.ReconstructInput"/>.
    /// </summary>
    internal Tensor TrainingLogits(Tensor users, UserSplit split)
    {
        var input = split.IsInput.nonzero().squeeze(1);
        var inputRows = split.Rows.index_select(0, input);
        var inputItems = split.Items.index_select(0, input);
        var weights = _data.EntryWeights?.index_select(0, split.Positions.index_select(0, input));
        var userVectors = _model.EncodeUsersFromSubsets(users, inputRows, inputItems, weights);
        var itemVectors = _model.EncodeItems(_data.AllItems);
        var logits = userVectors.matmul(itemVectors.t()) / _options.Temperature;
        if (_popularityOffset is not null)
        {
            logits = logits - _popularityOffset;
        }

        if (_options.ReconstructInput)
        {
            return logits;
        }

        return logits.masked_fill(CsrBatch.Mask(inputRows, inputItems, users.shape[0], _itemCount), Masked);
    }

    public ValidationResult? Validate() => _data.Validate(_model, _options);

    /// <summary>
    /// The random input/target split of the CSR rows of <paramref name="users"/>: entry e of the result is
    /// batch row <see cref="UserSplit.Rows"/>[e], item <see cref="UserSplit.Items"/>[e] (CSR position
    /// <see cref="UserSplit.Positions"/>[e]); row r has <see cref="UserSplit.InputCounts"/>[r] input entries
    /// (round(f·n), clamped to [1, n − 1]; 0 when n = 1), chosen uniformly by <paramref name="generator"/>.
    /// </summary>
    internal UserSplit Split(Tensor users, Generator generator)
    {
        var lengths = _data.UserLengths.index_select(0, users);
        var total = lengths.sum().item<long>();
        var (rowIds, positions) = CsrBatch.Entries(users, _data.UserOffsets, _data.UserLengths);
        var slot = positions - _data.UserOffsets.index_select(0, users).index_select(0, rowIds); // rank of the entry within its row

        // Keys of row r lie in [r, r + 1), so sorting keeps rows together and shuffles within them: the entry
        // sorted to slot s of its row gets rank s.
        var keys = rand([total], dtype: ScalarType.Float64, generator: generator) + rowIds.to_type(ScalarType.Float64);
        var order = keys.argsort();
        var rank = zeros(total, dtype: ScalarType.Int64).index_copy_(0, order, slot);
        var inputCounts = minimum(
            maximum((lengths.to_type(ScalarType.Float64) * _options.InputFraction).round().to_type(ScalarType.Int64), ones_like(lengths)),
            lengths - 1);
        var isInput = rank.lt(inputCounts.repeat_interleave(lengths, output_size: total));
        return new UserSplit(rowIds, _data.EntryItems.index_select(0, positions), positions, isInput, lengths, inputCounts);
    }

    public void Dispose()
    {
        _popularityOffset?.Dispose();
        _data.Dispose();
    }

    /// <summary>One batch's input/target split (see <see cref="Split"/>).</summary>
    internal sealed record UserSplit(Tensor Rows, Tensor Items, Tensor Positions, Tensor IsInput, Tensor Lengths, Tensor InputCounts);
}
