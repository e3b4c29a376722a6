using MovieRec.Training;
using TorchSharp;
using static TorchSharp.torch;

namespace MovieRec.Models.Neural;

/// <summary>
/// Implicit feedback with sampled negatives for <see cref="TrainingLoop"/> (NCF's pointwise log loss): one
/// example per observed (user, movie) pair; each batch adds <c>negatives</c> movies per positive drawn
/// uniformly from the catalogue with the run's generator, and the loss is binary cross-entropy on the
/// logits (positives labelled 1, draws 0). As in the NCF reference code, a draw that happens to be one of
/// the user's own movies is kept as a negative (about 1.7 % of draws on ml-latest-small); rejecting them
/// would need a per-example loop.
/// Validation: HR/Recall/NDCG@K of held-out movies with the fit movies excluded (<see cref="RetrievalValidator"/>).
/// </summary>
internal sealed class ImplicitTrainingTask : ITrainingTask, IDisposable
{
    private readonly NeuMfModule _module;
    private readonly int _negatives;
    private readonly long _itemCount;
    private readonly Tensor _users;
    private readonly Tensor _items;
    private readonly RetrievalValidator? _validator;
    private readonly string _primaryMetric;

    public ImplicitTrainingTask(NeuMfModule module, SeenItems fit, SeenItems? validation, int negatives, int cutoff, int validationUsers, string metric)
    {
        _module = module;
        _negatives = negatives;
        _itemCount = fit.ItemCount;
        var users = new long[fit.Count];
        for (var u = 0; u < fit.UserCount; u++)
        {
            users.AsSpan(fit.Offsets[u], fit.Offsets[u + 1] - fit.Offsets[u]).Fill(u);
        }

        _users = tensor(users).DetachFromDisposeScope();
        _items = tensor(fit.ItemIndices.Select(i => (long)i).ToArray()).DetachFromDisposeScope();
        if (validation is { Count: > 0 })
        {
            _validator = new RetrievalValidator(
                fit.ItemCount, fit.Offsets, fit.ItemIndices, validation.Offsets, validation.ItemIndices, cutoff,
                usersPerChunk: 32, maximumUsers: validationUsers);
        }

        _primaryMetric = $"{metric}@{Math.Min(cutoff, fit.ItemCount)}";
    }

    public nn.Module Module => _module;

    public long ExampleCount => _users.shape[0];

    public Tensor ComputeLoss(TrainingBatch batch)
    {
        var rows = batch.ExampleIndices.shape[0];
        var users = _users.index_select(0, batch.ExampleIndices);
        var positives = _items.index_select(0, batch.ExampleIndices);
        var drawn = (rand([rows * _negatives], generator: batch.Generator) * _itemCount).floor().to_type(ScalarType.Int64).clamp_max(_itemCount - 1);
        var allUsers = cat([users, users.repeat_interleave(_negatives)], 0);
        var allItems = cat([positives, drawn], 0);
        var labels = cat([ones(rows), zeros(rows * _negatives)], 0);
        return nn.functional.binary_cross_entropy_with_logits(_module.Score(allUsers, allItems), labels);
    }

    public ValidationResult? Validate()
    {
        if (_validator is null)
        {
            return null;
        }

        return new ValidationResult(_primaryMetric, _validator.Evaluate(_module.ScoreAllItems));
    }

    public void Dispose()
    {
        _validator?.Dispose();
        _users.Dispose();
        _items.Dispose();
    }
}
