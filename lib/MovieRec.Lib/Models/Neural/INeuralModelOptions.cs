using MovieRec.Training;

namespace MovieRec.Models.Neural;

/// <summary>What every neural model's options record shares: the training loop settings and the validation carve-out.</summary>
public interface INeuralModelOptions
{
    /// <summary>Settings of the shared <see cref="TrainingLoop"/> (epochs, batch, learning rate, seed, patience, …).</summary>
    TrainingOptions Training { get; }

    /// <summary>
    /// Share of the training ratings held out inside <c>Fit</c> for per-epoch validation and early stopping;
    /// 0 disables validation (all epochs run, the last weights are kept).
    /// </summary>
    double ValidationFraction { get; }

    /// <summary>Seed of the validation carve-out (distinct from the evaluation split's seed).</summary>
    int ValidationSeed { get; }

    /// <summary>Throws <see cref="ArgumentException"/> naming <paramref name="parameterName"/> for an invalid value.</summary>
    void Validate(string parameterName = "options");
}
