namespace MovieRec.Training;

/// <summary>Why training ended.</summary>
public enum TrainingStopReason
{
    /// <summary>All epochs ran.</summary>
    Completed,

    /// <summary>The validation metric did not improve for <see cref="TrainingOptions.Patience"/> epochs.</summary>
    EarlyStopped,

    /// <summary><see cref="TrainingOptions.MaximumDuration"/> was reached.</summary>
    TimeLimit,
}

/// <summary>What happened in one epoch.</summary>
/// <param name="Epoch">1-based epoch.</param>
/// <param name="Loss">Mean training loss over the epoch's examples.</param>
/// <param name="LearningRate">Learning rate at the end of the epoch.</param>
/// <param name="ValidationMetrics">Validation metrics by name (empty when the task does not validate).</param>
/// <param name="EpochSeconds">Wall time of the epoch including validation.</param>
/// <param name="ElapsedSeconds">Wall time since training started, at the end of the epoch.</param>
public sealed record EpochRecord(
    int Epoch, double Loss, double LearningRate, IReadOnlyDictionary<string, double> ValidationMetrics, double EpochSeconds, double ElapsedSeconds);

/// <summary>
/// Everything a notebook plots after training: one <see cref="EpochRecord"/> per epoch plus plain arrays
/// (<see cref="Epochs"/>, <see cref="Losses"/>, <see cref="ValidationValues"/>) ready for a chart.
/// </summary>
public sealed class TrainingHistory
{
    private readonly List<EpochRecord> _records = [];

    /// <summary>The per-epoch records, in order.</summary>
    public IReadOnlyList<EpochRecord> Records => _records;

    /// <summary>Name of the validation metric early stopping watched, or null without validation.</summary>
    public string? PrimaryMetric { get; set; }

    /// <summary>1-based epoch whose weights the model ended with (the best validated one, or the last).</summary>
    public int BestEpoch { get; set; }

    /// <summary>Why training ended.</summary>
    public TrainingStopReason StopReason { get; set; }

    /// <summary>Total training time in seconds.</summary>
    public double TotalSeconds { get; set; }

    /// <summary>
    /// How many times the run was restarted from its initial weights because TorchSharp's implicit-Scalar race
    /// (README, "Known TorchSharp 0.107 race") stopped it; 0 normally. The records are those of the run that finished.
    /// </summary>
    public int Restarts { get; set; }

    /// <summary>Number of epochs that ran.</summary>
    public int EpochCount => _records.Count;

    /// <summary>1, 2, … one per epoch that ran.</summary>
    public int[] Epochs => _records.Select(r => r.Epoch).ToArray();

    /// <summary>Mean training loss per epoch.</summary>
    public double[] Losses => _records.Select(r => r.Loss).ToArray();

    /// <summary>Learning rate at the end of each epoch.</summary>
    public double[] LearningRates => _records.Select(r => r.LearningRate).ToArray();

    /// <summary>Elapsed seconds at the end of each epoch.</summary>
    public double[] ElapsedSeconds => _records.Select(r => r.ElapsedSeconds).ToArray();

    /// <summary>The primary validation metric per epoch (empty without validation).</summary>
    public double[] ValidationValues => PrimaryMetric is null ? [] : MetricValues(PrimaryMetric);

    /// <summary>One validation metric per epoch (NaN where an epoch lacks it).</summary>
    public double[] MetricValues(string metric) =>
        _records.Select(r => r.ValidationMetrics.TryGetValue(metric, out var value) ? value : double.NaN).ToArray();

    /// <summary>The primary validation metric of <see cref="BestEpoch"/>, or NaN without validation.</summary>
    public double BestValidationValue =>
        PrimaryMetric is null || BestEpoch < 1 ? double.NaN : MetricValues(PrimaryMetric)[BestEpoch - 1];

    /// <summary>Appends one epoch (used by <see cref="TrainingLoop"/>).</summary>
    public void Add(EpochRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        _records.Add(record);
    }

    /// <summary>One-line summary, e.g. "12 epochs, best 9 (recall@20 0.2810), early stopped, 41.2s".</summary>
    public override string ToString()
    {
        var best = PrimaryMetric is null ? $"kept {BestEpoch}" : $"best {BestEpoch} ({PrimaryMetric} {BestValidationValue:F4})";
        var reason = StopReason switch
        {
            TrainingStopReason.EarlyStopped => "early stopped",
            TrainingStopReason.TimeLimit => "time limit",
            _ => "completed",
        };
        return $"{EpochCount} epochs, {best}, {reason}, {TotalSeconds:F1}s";
    }
}
