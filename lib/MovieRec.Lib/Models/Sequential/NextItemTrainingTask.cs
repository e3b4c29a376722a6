using MovieRec.Training;
using TorchSharp;
using static TorchSharp.torch;

namespace MovieRec.Models.Sequences;

/// <summary>
/// Next-movie prediction for <see cref="TrainingLoop"/>: an example is one window of a user's chronological
/// history (<see cref="UserSequences.TrainingWindows"/>); every real position predicts the movie after it.
/// Loss: softmax cross-entropy of the true next movie over the whole catalogue (logits = state · movie
/// embedding), or a sampled softmax: the true movie against a batch-shared sample drawn in proportion to how
/// often each movie is a training target, every logit corrected by −log of its sampling probability (Bengio and
/// Senécal's importance-sampled softmax, the "logQ correction" of YouTube's two-tower model). Popular movies are
/// then the usual competitors — a uniform sample almost never holds them, and a model trained on it learns to
/// tell popular from obscure but not to rank the popular ones, which is what the full-catalogue evaluation asks.
/// Validation: HR/Recall/NDCG@K of each user's held-out last movie predicted from the rest of the history,
/// the user's other movies excluded (<see cref="RetrievalValidator"/>).
/// </summary>
internal sealed class NextItemTrainingTask : ITrainingTask, IDisposable
{
    private readonly SasRecModule _module;
    private readonly Tensor _windows;
    private readonly int _length;
    private readonly int _sampledNegatives;
    private readonly RetrievalValidator? _validator;
    private readonly Tensor? _validationTails;
    private readonly Tensor? _samplingProbabilities;
    private readonly Tensor? _logSamplingProbabilities;
    private readonly string _primaryMetric;

    /// <param name="module">The network.</param>
    /// <param name="fit">Sequences to learn from (validation movies already removed).</param>
    /// <param name="heldOut">Per user the held-out item index, −1 for none; null disables validation.</param>
    /// <param name="options">Model options (length, negatives, validation size).</param>
    public NextItemTrainingTask(SasRecModule module, UserSequences fit, int[]? heldOut, TransformerRecommenderOptions options)
    {
        _module = module;
        _length = options.MaximumSequenceLength;
        _sampledNegatives = options.SampledNegatives;
        _windows = fit.TrainingWindows(_length).DetachFromDisposeScope();
        TargetCount = _windows.narrow(1, 0, _length).count_nonzero().item<long>();
        if (_sampledNegatives > 0)
        {
            // Target frequencies (+1 so every movie can be drawn); bincount over the real targets.
            using var scope = NewDisposeScope();
            var targets = _windows.narrow(1, 1, _length).masked_select(_windows.narrow(1, 0, _length).ne(0)) - 1;
            var counts = targets.bincount(null, module.ItemCount).to_type(ScalarType.Float32) + 1;
            var probabilities = counts / counts.sum();
            _samplingProbabilities = probabilities.DetachFromDisposeScope();
            _logSamplingProbabilities = probabilities.log().DetachFromDisposeScope();
        }
        var itemCount = (int)module.ItemCount;
        _primaryMetric = $"ndcg@{Math.Min(options.ValidationCutoff, itemCount)}";
        if (heldOut is not null && heldOut.Any(i => i >= 0))
        {
            var relevantOffsets = new int[heldOut.Length + 1];
            var relevant = new List<int>();
            for (var u = 0; u < heldOut.Length; u++)
            {
                if (heldOut[u] >= 0)
                {
                    relevant.Add(heldOut[u]);
                }

                relevantOffsets[u + 1] = relevant.Count;
            }

            _validator = new RetrievalValidator(
                itemCount, fit.Offsets, fit.ItemIndices, relevantOffsets, relevant.ToArray(), options.ValidationCutoff,
                usersPerChunk: 256, maximumUsers: options.ValidationUsers);
            _validationTails = fit.Tails(Enumerable.Range(0, fit.UserCount).ToArray(), _length).DetachFromDisposeScope();
        }
    }

    public nn.Module Module => _module;

    public long ExampleCount => _windows.shape[0];

    /// <summary>Prediction targets (real next movies) per epoch, for throughput.</summary>
    public long TargetCount { get; }

    public Tensor ComputeLoss(TrainingBatch batch)
    {
        var windows = _windows.index_select(0, batch.ExampleIndices);
        var inputs = windows.narrow(1, 0, _length);
        var targets = windows.narrow(1, 1, _length).reshape(-1);

        // A position predicts only when it holds a movie (with left padding its target is then a movie too);
        // the padding before a user's first movie predicts nothing.
        var positions = inputs.reshape(-1).nonzero().squeeze(1);
        var states = _module.forward(inputs).reshape(-1, _module.Dimension).index_select(0, positions);
        var next = targets.index_select(0, positions) - 1;
        var items = _module.ItemVectors();
        if (_sampledNegatives == 0)
        {
            return nn.functional.cross_entropy(states.matmul(items.t()), next);
        }

        var negatives = multinomial(_samplingProbabilities!, _sampledNegatives, replacement: true, generator: batch.Generator);
        var positive = (states * items.index_select(0, next)).sum(1, keepdim: true) - _logSamplingProbabilities!.index_select(0, next).unsqueeze(1);
        var negative = (states.matmul(items.index_select(0, negatives).t()) - _logSamplingProbabilities!.index_select(0, negatives).unsqueeze(0))
            .masked_fill(next.unsqueeze(1).eq(negatives.unsqueeze(0)), float.NegativeInfinity);
        var logits = cat([positive, negative], 1);
        return nn.functional.cross_entropy(logits, zeros(logits.shape[0], dtype: ScalarType.Int64));
    }

    public ValidationResult? Validate()
    {
        if (_validator is null)
        {
            return null;
        }

        var items = _module.ItemVectors();
        var metrics = _validator.Evaluate(rows => _module.LastStates(_validationTails!.index_select(0, rows)).matmul(items.t()));
        return new ValidationResult(_primaryMetric, metrics);
    }

    public void Dispose()
    {
        _validator?.Dispose();
        _validationTails?.Dispose();
        _samplingProbabilities?.Dispose();
        _logSamplingProbabilities?.Dispose();
        _windows.Dispose();
    }
}
