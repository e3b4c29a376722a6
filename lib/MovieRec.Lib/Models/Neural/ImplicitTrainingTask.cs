using MovieRec.Training;
using TorchSharp;
using static TorchSharp.torch;

namespace MovieRec.Models.Neural;

/// <summary>
/// Implicit feedback with sampled negatives for <see cref="TrainingLoop"/>: one example per observed
/// (user, movie) pair; each batch adds <c>negatives</c> movies per positive drawn uniformly from the catalogue
/// with the run's generator. The loss (<see cref="DeepNcfLoss"/>) is NCF's pointwise binary cross-entropy
/// (positives labelled 1, draws 0), a sampled softmax (the positive against its draws), or BPR (the positive
/// above each draw). As in the NCF reference code, a draw that happens to be one of
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
    private readonly DeepNcfLoss _loss;
    private readonly Tensor? _weights;

    public ImplicitTrainingTask(
        NeuMfModule module, SeenItems fit, SeenItems? validation, int negatives, DeepNcfLoss loss, double userWeightExponent,
        int cutoff, int validationUsers, string metric)
    {
        _module = module;
        _negatives = negatives;
        _loss = loss;
        _itemCount = fit.ItemCount;
        var users = new long[fit.Count];
        for (var u = 0; u < fit.UserCount; u++)
        {
            users.AsSpan(fit.Offsets[u], fit.Offsets[u + 1] - fit.Offsets[u]).Fill(u);
        }

        _users = tensor(users).DetachFromDisposeScope();
        _items = tensor(fit.ItemIndices.Select(i => (long)i).ToArray()).DetachFromDisposeScope();
        if (userWeightExponent > 0)
        {
            // n_u^-a per example, scaled to mean 1 so the learning rate keeps its meaning.
            var weights = new float[fit.Count];
            for (var u = 0; u < fit.UserCount; u++)
            {
                var count = fit.Offsets[u + 1] - fit.Offsets[u];
                weights.AsSpan(fit.Offsets[u], count).Fill((float)Math.Pow(count, -userWeightExponent));
            }

            var mean = weights.Average();
            _weights = (tensor(weights) / mean).DetachFromDisposeScope();
        }

        if (validation is { Count: > 0 })
        {
            _validator = new RetrievalValidator(
                fit.ItemCount, fit.Offsets, fit.ItemIndices, validation.Offsets, validation.ItemIndices, cutoff,
                usersPerChunk: 16, maximumUsers: validationUsers);
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
        var logits = _module.Score(allUsers, allItems);

        // Row r: the positive's logit, then its own draws' (repeat_interleave kept each positive's draws together).
        var positive = logits.narrow(0, 0, rows);
        var negative = logits.narrow(0, rows, rows * _negatives).view(rows, _negatives);
        var perPositive = _loss switch
        {
            // Mean over the 1 + negatives binary examples of the row, as NCF's unweighted log loss.
            DeepNcfLoss.BinaryCrossEntropy =>
                (nn.functional.softplus(-positive) + nn.functional.softplus(negative).sum(1)) / (1 + _negatives),

            // Uniform draws have the same probability for every movie, so no log-q correction is needed.
            DeepNcfLoss.SampledSoftmax => cat([positive.unsqueeze(1), negative], 1).logsumexp(1) - positive,
            _ => -nn.functional.logsigmoid(positive.unsqueeze(1) - negative).mean([1L]),
        };
        return _weights is null ? perPositive.mean() : (perPositive * _weights.index_select(0, batch.ExampleIndices)).mean();
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
        _weights?.Dispose();
        _items.Dispose();
    }
}
