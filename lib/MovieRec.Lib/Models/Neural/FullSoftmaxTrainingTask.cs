using MovieRec.Training;
using TorchSharp;
using static TorchSharp.torch;

namespace MovieRec.Models.Neural;

/// <summary>
/// <see cref="DeepNcfLoss.FullSoftmax"/> for <see cref="TrainingLoop"/>: one example per user. A batch of users is
/// scored against the whole catalogue with <see cref="NeuMfModule.ScoreAllItems"/> (the tower's first layer once per
/// user and once per movie), and the loss is the multinomial log-likelihood of each user's training movies under the
/// softmax over all movies: −Σ_{j ∈ I_u} log softmax(s_u)_j. No negatives are drawn, so nothing is biased by a
/// proposal distribution and every movie the user did not rate pushes against the positives at once.
/// </summary>
/// <remarks>
/// This is Mult-VAE's likelihood (Liang et al., WWW 2018) with NeuMF as the scorer and free user embeddings instead
/// of an encoder. Each user's sum is weighted n_u^−a (a = <see cref="DeepNcfOptions.UserWeightExponent"/>) and the
/// batch loss divided by Σ n_u·n_u^−a, i.e. it is the weighted mean over the batch's positives, the same scale as the
/// sampled losses (a = 0: every positive counts the same, heavy raters dominate; a = 1: every user counts the same).
/// The batch's CSR rows are gathered as tensors (no per-user managed loop).
/// </remarks>
internal sealed class FullSoftmaxTrainingTask : ITrainingTask, IDisposable
{
    private readonly NeuMfModule _module;
    private readonly long _itemCount;
    private readonly Tensor _offsets;
    private readonly Tensor _lengths;
    private readonly Tensor _items;
    private readonly Tensor _userWeights;
    private readonly double _regularization;
    private readonly RetrievalValidator? _validator;
    private readonly string _primaryMetric;

    public FullSoftmaxTrainingTask(NeuMfModule module, SeenItems fit, SeenItems? validation, DeepNcfOptions options)
    {
        _module = module;
        _itemCount = fit.ItemCount;
        _regularization = options.EmbeddingRegularization;
        var weights = new float[fit.UserCount];
        for (var u = 0; u < fit.UserCount; u++)
        {
            var length = fit.Offsets[u + 1] - fit.Offsets[u];
            weights[u] = length == 0 ? 0f : (float)Math.Pow(length, -options.UserWeightExponent);
        }

        (_offsets, _lengths, _items) = CsrBatch.Tensors(fit);
        _userWeights = tensor(weights).DetachFromDisposeScope();
        if (validation is { Count: > 0 })
        {
            _validator = new RetrievalValidator(
                fit.ItemCount, fit.Offsets, fit.ItemIndices, validation.Offsets, validation.ItemIndices, options.ValidationCutoff,
                usersPerChunk: 16, maximumUsers: options.ValidationUsers);
        }

        _primaryMetric = $"{options.ValidationMetric}@{Math.Min(options.ValidationCutoff, fit.ItemCount)}";
    }

    public nn.Module Module => _module;

    /// <summary>One example per user.</summary>
    public long ExampleCount => _lengths.shape[0];

    public Tensor ComputeLoss(TrainingBatch batch)
    {
        var users = batch.ExampleIndices;
        var rows = users.shape[0];
        var lengths = _lengths.index_select(0, users);

        // Entry e of the batch's positives: batch row rowIds[e], movie _items[positions[e]].
        var (rowIds, positions) = CsrBatch.Entries(users, _offsets, _lengths);
        var flat = (rowIds * _itemCount) + _items.index_select(0, positions);

        var logProbabilities = nn.functional.log_softmax(_module.ScoreAllItems(users), 1);
        var picked = logProbabilities.view(-1).index_select(0, flat);
        var perUser = zeros(rows).index_add(0, rowIds, picked, 1);
        var weights = _userWeights.index_select(0, users);
        var loss = -(perUser * weights).sum() / (weights * lengths.to_type(ScalarType.Float32)).sum().clamp_min(1e-12f);
        if (_regularization > 0)
        {
            // Every movie's rows take part in every batch, so the movie term is the mean over the catalogue.
            loss = loss + _regularization * (_module.UserSquaredNorms(users).mean() + _module.ItemSquaredNorms(arange(_itemCount)).mean());
        }

        return loss;
    }

    public ValidationResult? Validate() =>
        _validator is null ? null : new ValidationResult(_primaryMetric, _validator.Evaluate(_module.ScoreAllItems));

    public void Dispose()
    {
        _validator?.Dispose();
        _offsets.Dispose();
        _lengths.Dispose();
        _items.Dispose();
        _userWeights.Dispose();
    }
}
