using System.Diagnostics;
using System.Runtime.InteropServices;
using MovieRec.Torch;
using TorchSharp;
using static TorchSharp.torch;

namespace MovieRec.Training;

/// <summary>
/// The one training loop of every neural model: seeded shuffles, Adam/AdamW, a learning-rate schedule
/// (per optimizer step), per-epoch validation with early stopping and best-epoch weight restore, a time
/// limit, NaN detection, progress through <see cref="IProgress{T}"/> and a <see cref="TrainingHistory"/>.
/// </summary>
/// <remarks>
/// Determinism: the shuffle of every epoch and every draw the task makes use one
/// <see cref="Generator"/> seeded with <see cref="TrainingOptions.Seed"/>; initial weights come from the
/// global generator, which the model seeds (<c>torch.manual_seed</c>) right before building its module.
/// With the same seed, data and thread count, two runs give the same numbers.
/// </remarks>
public static class TrainingLoop
{
    /// <summary>Trains <paramref name="task"/> and returns what happened, epoch by epoch.</summary>
    /// <exception cref="TrainingDivergedException">A batch loss was NaN or infinite.</exception>
    /// <exception cref="ArgumentException">Invalid options, no examples, or no trainable parameters.</exception>
    public static TrainingHistory Run(
        ITrainingTask task, TrainingOptions? options = null, IProgress<EpochReport>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(task);
        options ??= new TrainingOptions();
        options.Validate(nameof(options));
        TorchNative.EnsureLoaded();
        var module = task.Module;
        var parameters = module.parameters().Where(p => p.requires_grad).ToList();
        if (parameters.Count == 0)
        {
            throw new ArgumentException("The task's module has no trainable parameters.", nameof(task));
        }

        var exampleCount = task.ExampleCount;
        if (exampleCount < 1)
        {
            throw new ArgumentException("The task has no training examples.", nameof(task));
        }

        // TorchSharp 0.107 can fail a native call whose implicit Scalar was finalised mid-call (README, "Known
        // TorchSharp 0.107 race"). The failure is loud and has nothing to do with the data, so the whole run is
        // repeated from the same initial weights and seed: the result is the one an undisturbed run gives.
        var initial = ModuleCheckpoint.Snapshot(module);
        try
        {
            for (var attempt = 1; ; attempt++)
            {
                try
                {
                    var history = RunOnce(task, options, progress, module, parameters, exampleCount, cancellationToken);
                    history.Restarts = attempt - 1;
                    return history;
                }
                catch (ExternalException e) when (attempt < MaximumAttempts && TorchScalarRace.Matches(e))
                {
                    ModuleCheckpoint.Restore(module, initial);
                }
            }
        }
        finally
        {
            DisposeAll(initial);
        }
    }

    /// <summary>How many times a run is started in all when the TorchSharp Scalar race interrupts it.</summary>
    internal const int MaximumAttempts = 3;

    private static TrainingHistory RunOnce(
        ITrainingTask task,
        TrainingOptions options,
        IProgress<EpochReport>? progress,
        nn.Module module,
        List<TorchSharp.Modules.Parameter> parameters,
        long exampleCount,
        CancellationToken cancellationToken)
    {
        var batchesPerEpoch = (int)((exampleCount + options.BatchSize - 1) / options.BatchSize);
        var totalSteps = (long)batchesPerEpoch * options.Epochs;
        var history = new TrainingHistory();
        var clock = Stopwatch.StartNew();
        using var generator = new Generator(unchecked((ulong)options.Seed));
        using var optimizer = CreateOptimizer(parameters, options);
        var sparse = task as ISparseUpdateTask;
        sparse?.BeginSparseUpdates(options);
        Dictionary<string, Tensor>? best = null;
        var bestValue = double.NegativeInfinity;
        var epochsWithoutImprovement = 0;
        var step = 0L;
        var learningRate = options.LearningRate;
        history.StopReason = TrainingStopReason.Completed;
        try
        {
            for (var epoch = 1; epoch <= options.Epochs; epoch++)
            {
                var epochStart = clock.Elapsed;
                module.train();
                double lossSum = 0;
                using (var epochScope = NewDisposeScope())
                {
                    var order = randperm(exampleCount, generator: generator);
                    for (var batch = 0; batch < batchesPerEpoch; batch++)
                    {
                        cancellationToken.ThrowIfCancellationRequested();
                        using var batchScope = NewDisposeScope();
                        var start = (long)batch * options.BatchSize;
                        var length = Math.Min(options.BatchSize, exampleCount - start);
                        learningRate = LearningRateAt(options, step, totalSteps, epoch);
                        foreach (var group in optimizer.ParamGroups)
                        {
                            group.LearningRate = learningRate;
                        }

                        optimizer.zero_grad();
                        var loss = task.ComputeLoss(new TrainingBatch(order.narrow(0, start, length), generator, epoch, batch + 1));
                        var value = loss.item<float>();
                        if (!float.IsFinite(value))
                        {
                            throw new TrainingDivergedException(epoch, batch + 1, value, learningRate);
                        }

                        loss.backward();
                        if (options.GradientClipNorm > 0)
                        {
                            nn.utils.clip_grad_norm_(parameters, options.GradientClipNorm);
                        }

                        optimizer.step();
                        sparse?.ApplySparseUpdates(learningRate);
                        lossSum += (double)value * length;
                        step++;
                    }
                }

                module.eval();
                ValidationResult? validation;
                using (no_grad())
                using (NewDisposeScope())
                {
                    validation = task.Validate();
                }

                var isBest = false;
                if (validation is not null)
                {
                    history.PrimaryMetric = validation.PrimaryMetric;
                    if (validation.PrimaryValue > bestValue)
                    {
                        bestValue = validation.PrimaryValue;
                        history.BestEpoch = epoch;
                        epochsWithoutImprovement = 0;
                        isBest = true;
                        if (options.RestoreBestWeights)
                        {
                            DisposeAll(best);
                            best = ModuleCheckpoint.Snapshot(module);
                        }
                    }
                    else
                    {
                        epochsWithoutImprovement++;
                    }
                }
                else
                {
                    history.BestEpoch = epoch;
                }

                var elapsed = clock.Elapsed;
                var record = new EpochRecord(
                    epoch,
                    lossSum / exampleCount,
                    learningRate,
                    validation?.Metrics ?? new Dictionary<string, double>(),
                    (elapsed - epochStart).TotalSeconds,
                    elapsed.TotalSeconds);
                history.Add(record);
                var remaining = TimeSpan.FromSeconds(elapsed.TotalSeconds / epoch * (options.Epochs - epoch));
                progress?.Report(new EpochReport(epoch, options.Epochs, record, validation?.PrimaryMetric, isBest, remaining));

                if (epoch == options.Epochs)
                {
                    break;
                }

                if (validation is not null && options.Patience > 0 && epochsWithoutImprovement >= options.Patience)
                {
                    history.StopReason = TrainingStopReason.EarlyStopped;
                    break;
                }

                if (options.MaximumDuration is { } limit && elapsed >= limit)
                {
                    history.StopReason = TrainingStopReason.TimeLimit;
                    break;
                }
            }

            if (best is not null && history.BestEpoch != history.EpochCount)
            {
                ModuleCheckpoint.Restore(module, best);
            }

            if (best is null)
            {
                history.BestEpoch = history.EpochCount;
            }
        }
        finally
        {
            sparse?.EndSparseUpdates();
            DisposeAll(best);
            module.eval();
            history.TotalSeconds = clock.Elapsed.TotalSeconds;
        }

        return history;
    }

    /// <summary>The learning rate at optimizer step <paramref name="step"/> (0-based) of <paramref name="totalSteps"/>, in 1-based <paramref name="epoch"/>.</summary>
    public static double LearningRateAt(TrainingOptions options, long step, long totalSteps, int epoch)
    {
        ArgumentNullException.ThrowIfNull(options);
        var factor = options.Schedule switch
        {
            LearningRateSchedule.Cosine => options.MinimumLearningRateFactor +
                ((1 - options.MinimumLearningRateFactor) * 0.5 * (1 + Math.Cos(Math.PI * Math.Min(1.0, (double)step / Math.Max(1, totalSteps))))),
            LearningRateSchedule.Step => Math.Pow(options.StepGamma, (epoch - 1) / options.StepEpochs),
            _ => 1.0,
        };
        if (step < options.WarmupSteps)
        {
            factor *= 0.1 + (0.9 * step / options.WarmupSteps);
        }

        return options.LearningRate * factor;
    }

    private static optim.Optimizer CreateOptimizer(IReadOnlyList<TorchSharp.Modules.Parameter> parameters, TrainingOptions options) =>
        options.Optimizer == OptimizerKind.AdamW
            ? optim.AdamW(parameters, lr: options.LearningRate, beta1: 0.9, beta2: 0.999, eps: 1e-8, weight_decay: options.WeightDecay)
            : optim.Adam(parameters, lr: options.LearningRate, beta1: 0.9, beta2: 0.999, eps: 1e-8, weight_decay: options.WeightDecay);

    private static void DisposeAll(Dictionary<string, Tensor>? tensors)
    {
        if (tensors is null)
        {
            return;
        }

        foreach (var tensor in tensors.Values)
        {
            tensor.Dispose();
        }
    }
}
