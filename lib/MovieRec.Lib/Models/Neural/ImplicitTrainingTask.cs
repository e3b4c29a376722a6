using MovieRec.Training;
using TorchSharp;
using static TorchSharp.torch;

namespace MovieRec.Models.Neural;

/// <summary>
/// Implicit feedback with sampled negatives for <see cref="TrainingLoop"/>: one example per observed
/// (user, movie) pair; each batch adds <c>negatives</c> movies per positive drawn from the catalogue with the run's
/// generator, uniformly or ∝ (training count + 1)^β (<see cref="DeepNcfOptions.NegativeSamplingExponent"/>). An
/// optional per-example L2 penalty (<see cref="DeepNcfOptions.EmbeddingRegularization"/>) covers the rows a batch
/// touches. The loss (<see cref="DeepNcfLoss"/>) is NCF's pointwise binary cross-entropy (positives labelled 1,
/// draws 0), a sampled softmax (the positive against its draws), or BPR (the positive above each draw). As in the
/// NCF reference code, a draw that happens to be one of the user's own movies is kept as a negative (about 1.7 % of
/// uniform draws on ml-latest-small, more of popularity draws); rejecting them would need a per-example loop.
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
    private readonly double _regularization;
    private readonly Tensor? _samplingProbabilities;
    private readonly Tensor? _logProposal;

    public ImplicitTrainingTask(NeuMfModule module, SeenItems fit, SeenItems? validation, DeepNcfOptions options)
    {
        _module = module;
        _negatives = options.NegativesPerPositive;
        _loss = options.Loss;
        _regularization = options.EmbeddingRegularization;
        _itemCount = fit.ItemCount;
        var userWeightExponent = options.UserWeightExponent;
        var users = new long[fit.Count];
        for (var u = 0; u < fit.UserCount; u++)
        {
            users.AsSpan(fit.Offsets[u], fit.Offsets[u + 1] - fit.Offsets[u]).Fill(u);
        }

        if (options.NegativeSamplingExponent > 0)
        {
            // q_j ∝ (n_j + 1)^β over the fit movies; the +1 keeps movies seen only in validation drawable.
            var counts = new double[fit.ItemCount];
            foreach (var item in fit.ItemIndices)
            {
                counts[item]++;
            }

            var weights = counts.Select(c => Math.Pow(c + 1, options.NegativeSamplingExponent)).ToArray();
            var total = weights.Sum();
            var probabilities = weights.Select(w => (float)(w / total)).ToArray();
            _samplingProbabilities = tensor(probabilities).DetachFromDisposeScope();

            // log(q_j · N): zero for a uniform proposal, so the softmax correction reduces to the uniform case.
            _logProposal = tensor(probabilities.Select(q => (float)Math.Log(q * fit.ItemCount)).ToArray()).DetachFromDisposeScope();
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
                fit.ItemCount, fit.Offsets, fit.ItemIndices, validation.Offsets, validation.ItemIndices, options.ValidationCutoff,
                usersPerChunk: 16, maximumUsers: options.ValidationUsers);
        }

        _primaryMetric = $"{options.ValidationMetric}@{Math.Min(options.ValidationCutoff, fit.ItemCount)}";
    }

    public nn.Module Module => _module;

    public long ExampleCount => _users.shape[0];

    public Tensor ComputeLoss(TrainingBatch batch)
    {
        var rows = batch.ExampleIndices.shape[0];
        var users = _users.index_select(0, batch.ExampleIndices);
        var positives = _items.index_select(0, batch.ExampleIndices);
        var drawn = _samplingProbabilities is null
            ? (rand([rows * _negatives], generator: batch.Generator) * _itemCount).floor().to_type(ScalarType.Int64).clamp_max(_itemCount - 1)
            : multinomial(_samplingProbabilities, rows * _negatives, replacement: true, generator: batch.Generator);
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

            // Draws from a popularity proposal q get the importance-sampling ("log-q") correction s_j − log(N·q_j),
            // so the sampled softmax estimates the full one; uniform draws need none (the term is 0).
            DeepNcfLoss.SampledSoftmax => cat([positive.unsqueeze(1), Corrected(negative, drawn)], 1).logsumexp(1) - positive,
            _ => -nn.functional.logsigmoid(positive.unsqueeze(1) - negative).mean([1L]),
        };
        var loss = _weights is null ? perPositive.mean() : (perPositive * _weights.index_select(0, batch.ExampleIndices)).mean();
        if (_regularization > 0)
        {
            // Per-example L2 of the rows this batch touches (as MatrixFactorizationNN): λ·(mean ‖user‖² +
            // mean ‖positive‖² + mean ‖draw‖²), independent of the number of draws, so a user's embeddings shrink in
            // proportion to how often they are trained rather than all at once as weight decay does.
            loss = loss + _regularization * (_module.UserSquaredNorms(users).mean() + _module.ItemSquaredNorms(positives).mean() +
                _module.ItemSquaredNorms(drawn).mean());
        }

        return loss;
    }

    private Tensor Corrected(Tensor negative, Tensor drawn) =>
        _logProposal is null ? negative : negative - _logProposal.index_select(0, drawn).view(negative.shape);

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
        _samplingProbabilities?.Dispose();
        _logProposal?.Dispose();
        _items.Dispose();
    }
}
