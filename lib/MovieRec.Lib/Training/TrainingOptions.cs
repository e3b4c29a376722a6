namespace MovieRec.Training;

/// <summary>Which optimizer <see cref="TrainingLoop"/> uses.</summary>
public enum OptimizerKind
{
    /// <summary>Adam; weight decay is added to the gradient (L2 penalty).</summary>
    Adam,

    /// <summary>AdamW: decoupled weight decay (Loshchilov and Hutter 2019), usually the better choice with decay.</summary>
    AdamW,
}

/// <summary>How the learning rate changes over training.</summary>
public enum LearningRateSchedule
{
    /// <summary>The base rate throughout.</summary>
    Constant,

    /// <summary>Cosine decay from the base rate to <see cref="TrainingOptions.MinimumLearningRateFactor"/> × base over all steps.</summary>
    Cosine,

    /// <summary>Multiply by <see cref="TrainingOptions.StepGamma"/> every <see cref="TrainingOptions.StepEpochs"/> epochs.</summary>
    Step,
}

/// <summary>
/// Options of the shared training loop every neural model uses (<see cref="TrainingLoop"/>). The defaults
/// suit small MovieLens data on a CPU; each model documents its own tuned values.
/// </summary>
public sealed record TrainingOptions
{
    /// <summary>Maximum number of passes over the training examples. Default 20.</summary>
    public int Epochs { get; init; } = 20;

    /// <summary>Examples per optimizer step. Default 1024.</summary>
    public int BatchSize { get; init; } = 1024;

    /// <summary>Base learning rate. Default 0.001.</summary>
    public double LearningRate { get; init; } = 1e-3;

    /// <summary>Weight decay (decoupled for AdamW, L2 for Adam). Default 0.</summary>
    public double WeightDecay { get; init; }

    /// <summary>Optimizer. Default <see cref="OptimizerKind.AdamW"/>.</summary>
    public OptimizerKind Optimizer { get; init; } = OptimizerKind.AdamW;

    /// <summary>Learning-rate schedule. Default <see cref="LearningRateSchedule.Cosine"/>.</summary>
    public LearningRateSchedule Schedule { get; init; } = LearningRateSchedule.Cosine;

    /// <summary>Linear warm-up from a tenth of the base rate over this many optimizer steps. Default 0.</summary>
    public int WarmupSteps { get; init; }

    /// <summary>Cosine schedule: the final rate as a share of the base rate. Default 0.05.</summary>
    public double MinimumLearningRateFactor { get; init; } = 0.05;

    /// <summary>Step schedule: epochs between decays. Default 5.</summary>
    public int StepEpochs { get; init; } = 5;

    /// <summary>Step schedule: factor applied at each decay. Default 0.5.</summary>
    public double StepGamma { get; init; } = 0.5;

    /// <summary>
    /// Stop after this many epochs without a better validation metric (only when the task validates).
    /// 0 disables early stopping. Default 3.
    /// </summary>
    public int Patience { get; init; } = 3;

    /// <summary>Restore the weights of the best validation epoch at the end. Default true.</summary>
    public bool RestoreBestWeights { get; init; } = true;

    /// <summary>Clip the global gradient norm to this value; 0 disables clipping. Default 0.</summary>
    public double GradientClipNorm { get; init; }

    /// <summary>Seed of the shuffles and of every sample a task draws. Default 42.</summary>
    public int Seed { get; init; } = 42;

    /// <summary>Stop after the epoch during which this much time has passed; null means no limit. Default null.</summary>
    public TimeSpan? MaximumDuration { get; init; }

    /// <summary>Throws <see cref="ArgumentException"/> naming <paramref name="parameterName"/> for an invalid value.</summary>
    public void Validate(string parameterName = "options")
    {
        Require(Epochs >= 1, "Epochs must be at least 1", parameterName);
        Require(BatchSize >= 1, "BatchSize must be at least 1", parameterName);
        Require(LearningRate > 0 && double.IsFinite(LearningRate), "LearningRate must be a positive number", parameterName);
        Require(WeightDecay >= 0 && double.IsFinite(WeightDecay), "WeightDecay must be zero or positive", parameterName);
        Require(WarmupSteps >= 0, "WarmupSteps must not be negative", parameterName);
        Require(MinimumLearningRateFactor is >= 0 and <= 1, "MinimumLearningRateFactor must be in [0, 1]", parameterName);
        Require(StepEpochs >= 1, "StepEpochs must be at least 1", parameterName);
        Require(StepGamma is > 0 and <= 1, "StepGamma must be in (0, 1]", parameterName);
        Require(Patience >= 0, "Patience must not be negative", parameterName);
        Require(GradientClipNorm >= 0 && double.IsFinite(GradientClipNorm), "GradientClipNorm must be zero or positive", parameterName);
        Require(MaximumDuration is null || MaximumDuration > TimeSpan.Zero, "MaximumDuration must be positive", parameterName);
        Require(Enum.IsDefined(Optimizer), $"Unknown optimizer {Optimizer}", parameterName);
        Require(Enum.IsDefined(Schedule), $"Unknown schedule {Schedule}", parameterName);
    }

    private static void Require(bool condition, string message, string parameterName)
    {
        if (!condition)
        {
            throw new ArgumentException(message + ".", parameterName);
        }
    }
}
