using MovieRec.Torch;
using MovieRec.Training;

namespace MovieRec.Tests.Training;

[Collection(TorchCollection.Name)]
public sealed class TrainingLoopTests
{
    public TrainingLoopTests() => TorchNative.EnsureLoaded();

    private static TrainingOptions Quick(int epochs = 5) => new()
    {
        Epochs = epochs,
        BatchSize = 16,
        LearningRate = 0.05,
        Schedule = LearningRateSchedule.Constant,
        Seed = 3,
    };

    [Fact]
    public void HistoryHasOneRecordPerEpochAndTheLossFalls()
    {
        using var task = new TinyRegressionTask();

        var history = TrainingLoop.Run(task, Quick(epochs: 6));

        Assert.Equal(6, history.EpochCount);
        Assert.Equal([1, 2, 3, 4, 5, 6], history.Epochs);
        Assert.Equal(6, history.Losses.Length);
        Assert.True(history.Losses[^1] < history.Losses[0] / 2, $"loss {history.Losses[0]} → {history.Losses[^1]}");
        Assert.Equal(TrainingStopReason.Completed, history.StopReason);
        Assert.Equal(6, history.BestEpoch);
        Assert.Null(history.PrimaryMetric);
        Assert.Empty(history.ValidationValues);
        Assert.All(history.LearningRates, rate => Assert.Equal(0.05, rate, 12));
        Assert.True(history.ElapsedSeconds.Zip(history.ElapsedSeconds.Skip(1)).All(p => p.First <= p.Second));
    }

    [Fact]
    public void EarlyStoppingStopsAfterPatienceAndRestoresTheBestEpoch()
    {
        using var task = new TinyRegressionTask { ScriptedValidation = [0.5, 0.7, 0.6, 0.65, 0.4, 0.9] };

        var history = TrainingLoop.Run(task, Quick(epochs: 10) with { Patience = 3 });

        // Best at epoch 2 (0.7); epochs 3, 4, 5 do not improve → stop after epoch 5.
        Assert.Equal(5, history.EpochCount);
        Assert.Equal(TrainingStopReason.EarlyStopped, history.StopReason);
        Assert.Equal(2, history.BestEpoch);
        Assert.Equal(0.7, history.BestValidationValue);
        Assert.Equal("score", history.PrimaryMetric);
        Assert.Equal([0.5, 0.7, 0.6, 0.65, 0.4], history.ValidationValues);
        Assert.Equal(task.WeightsAtValidation[1], task.Weights());
        Assert.NotEqual(task.WeightsAtValidation[4], task.Weights());
    }

    [Fact]
    public void WithoutRestoreTheLastWeightsAreKept()
    {
        using var task = new TinyRegressionTask { ScriptedValidation = [0.9, 0.1, 0.1] };

        var history = TrainingLoop.Run(task, Quick(epochs: 3) with { Patience = 0, RestoreBestWeights = false });

        Assert.Equal(3, history.EpochCount);
        Assert.Equal(3, history.BestEpoch);
        Assert.Equal(task.WeightsAtValidation[2], task.Weights());
    }

    [Fact]
    public void NaNLossIsAClearErrorNamingEpochAndBatch()
    {
        using var task = new TinyRegressionTask { NaNAt = (2, 3) };

        var error = Assert.Throws<TrainingDivergedException>(() => TrainingLoop.Run(task, Quick()));

        Assert.Equal(2, error.Epoch);
        Assert.Equal(3, error.Batch);
        Assert.Contains("epoch 2, batch 3", error.Message);
        Assert.True(double.IsNaN(error.Loss));
    }

    [Fact]
    public void SameSeedGivesTheSameNumbersAndAnotherSeedDoesNot()
    {
        TrainingHistory Train(int seed, out float[] weights)
        {
            using var task = new TinyRegressionTask(seed);
            var history = TrainingLoop.Run(task, Quick(epochs: 3) with { Seed = seed });
            weights = task.Weights();
            return history;
        }

        var first = Train(5, out var firstWeights);
        var second = Train(5, out var secondWeights);
        var other = Train(6, out var otherWeights);

        Assert.Equal(first.Losses, second.Losses);
        Assert.Equal(firstWeights, secondWeights);
        Assert.NotEqual(first.Losses, other.Losses);
        Assert.NotEqual(firstWeights, otherWeights);
    }

    [Fact]
    public void ProgressReportsEveryEpochAsAConsoleLine()
    {
        using var task = new TinyRegressionTask { ScriptedValidation = [0.1, 0.2, 0.3] };
        var writer = new StringWriter();

        TrainingLoop.Run(task, Quick(epochs: 3), new ConsoleTrainingReporter(writer));

        var lines = writer.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(3, lines.Length);
        Assert.Matches(@"^epoch 1/3 loss \d+\.\d{4} score 0\.1000 lr 0\.05 elapsed \d+\.\ds eta \d+s \*$", lines[0].TrimEnd('\r'));
        Assert.StartsWith("epoch 3/3 ", lines[2]);
    }

    [Fact]
    public void TimeLimitStopsAfterTheCurrentEpoch()
    {
        using var task = new TinyRegressionTask();

        var history = TrainingLoop.Run(task, Quick(epochs: 50) with { MaximumDuration = TimeSpan.FromTicks(1) });

        Assert.Equal(1, history.EpochCount);
        Assert.Equal(TrainingStopReason.TimeLimit, history.StopReason);
    }

    [Fact]
    public void LearningRateSchedulesFollowTheirFormulas()
    {
        var cosine = new TrainingOptions { LearningRate = 1.0, Schedule = LearningRateSchedule.Cosine, MinimumLearningRateFactor = 0.1 };
        var step = new TrainingOptions { LearningRate = 1.0, Schedule = LearningRateSchedule.Step, StepEpochs = 2, StepGamma = 0.5 };
        var warm = new TrainingOptions { LearningRate = 1.0, Schedule = LearningRateSchedule.Constant, WarmupSteps = 10 };

        Assert.Equal(1.0, TrainingLoop.LearningRateAt(cosine, 0, 100, 1), 12);
        Assert.Equal(0.55, TrainingLoop.LearningRateAt(cosine, 50, 100, 1), 12);
        Assert.Equal(0.1, TrainingLoop.LearningRateAt(cosine, 100, 100, 1), 12);
        Assert.Equal(1.0, TrainingLoop.LearningRateAt(step, 0, 100, 2), 12);
        Assert.Equal(0.5, TrainingLoop.LearningRateAt(step, 0, 100, 3), 12);
        Assert.Equal(0.25, TrainingLoop.LearningRateAt(step, 0, 100, 5), 12);
        Assert.Equal(0.1, TrainingLoop.LearningRateAt(warm, 0, 100, 1), 12);
        Assert.Equal(1.0, TrainingLoop.LearningRateAt(warm, 10, 100, 1), 12);
    }

    [Fact]
    public void InvalidOptionsNameTheParameter()
    {
        using var task = new TinyRegressionTask();

        var error = Assert.Throws<ArgumentException>(() => TrainingLoop.Run(task, new TrainingOptions { BatchSize = 0 }));

        Assert.Equal("options", error.ParamName);
        Assert.Contains("BatchSize", error.Message);
    }
}
