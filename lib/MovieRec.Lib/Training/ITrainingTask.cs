using TorchSharp;
using static TorchSharp.torch;

namespace MovieRec.Training;

/// <summary>
/// What a model hands to <see cref="TrainingLoop"/>: the module to optimise, how many examples an epoch
/// has, the loss of one batch, and (optionally) a validation pass. The loop owns shuffling, optimizer,
/// schedule, early stopping, progress and history, so every neural model trains the same way.
/// </summary>
public interface ITrainingTask
{
    /// <summary>The module whose parameters are optimised (and whose weights are restored to the best epoch).</summary>
    nn.Module Module { get; }

    /// <summary>Number of training examples; an epoch visits each once in a seeded random order.</summary>
    long ExampleCount { get; }

    /// <summary>
    /// Mean loss of the examples in <paramref name="batch"/>, a scalar with a gradient. Implementations build
    /// the batch as tensors (gather by <see cref="TrainingBatch.ExampleIndices"/>), never per example.
    /// Called inside a dispose scope: temporaries need no disposing.
    /// </summary>
    Tensor ComputeLoss(TrainingBatch batch);

    /// <summary>
    /// Validation metrics after an epoch (called in eval mode without gradients), or null when the task does
    /// not validate; then training runs all epochs and the last weights are kept.
    /// </summary>
    ValidationResult? Validate();
}

/// <summary>One batch of a training epoch.</summary>
/// <param name="ExampleIndices">Int64 indices of the batch's examples (0..ExampleCount-1).</param>
/// <param name="Generator">The run's seeded generator: every random draw of the loss (negatives, history samples) uses it.</param>
/// <param name="Epoch">1-based epoch.</param>
/// <param name="BatchIndex">1-based batch within the epoch.</param>
public sealed record TrainingBatch(Tensor ExampleIndices, Generator Generator, int Epoch, int BatchIndex);

/// <summary>Validation metrics of one epoch; larger is better for <see cref="PrimaryMetric"/>.</summary>
/// <param name="PrimaryMetric">Name of the metric early stopping watches, e.g. "recall@20".</param>
/// <param name="Metrics">All metrics by name (includes the primary one).</param>
public sealed record ValidationResult(string PrimaryMetric, IReadOnlyDictionary<string, double> Metrics)
{
    /// <summary>The value of <see cref="PrimaryMetric"/>.</summary>
    public double PrimaryValue => Metrics[PrimaryMetric];
}
