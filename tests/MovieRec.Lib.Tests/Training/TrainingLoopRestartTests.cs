using System.Runtime.InteropServices;
using MovieRec.Torch;
using MovieRec.Training;

namespace MovieRec.Tests.Training;

/// <summary>
/// The loop's answer to TorchSharp 0.107's implicit-Scalar race (README): a run stopped by libtorch's Scalar check
/// starts again from the initial weights and seed, so it ends exactly where an undisturbed run ends.
/// </summary>
[Collection(TorchCollection.Name)]
public sealed class TrainingLoopRestartTests
{
    public TrainingLoopRestartTests() => TorchNative.EnsureLoaded();

    private static TrainingOptions Quick => new()
    {
        Epochs = 4,
        BatchSize = 16,
        LearningRate = 0.05,
        Schedule = LearningRateSchedule.Constant,
        Seed = 3,
    };

    [Fact]
    public void AnInterruptedRunEndsWhereAnUndisturbedRunEnds()
    {
        using var undisturbed = new TinyRegressionTask();
        var expected = TrainingLoop.Run(undisturbed, Quick);

        using var interrupted = new TinyRegressionTask { FailAt = (3, 2) };
        var history = TrainingLoop.Run(interrupted, Quick);

        Assert.Equal(1, interrupted.Failures);
        Assert.Equal(1, history.Restarts);
        Assert.Equal(0, expected.Restarts);
        Assert.Equal(expected.Losses, history.Losses);
        Assert.Equal(undisturbed.Weights(), interrupted.Weights());
    }

    [Fact]
    public void ARaceThatKeepsComingBackIsRaisedAfterTheLastAttempt()
    {
        using var task = new TinyRegressionTask { FailAt = (1, 1), FailureCount = int.MaxValue };

        var error = Assert.Throws<ExternalException>(() => TrainingLoop.Run(task, Quick));

        Assert.Contains("Scalar.h", error.Message, StringComparison.Ordinal);
        Assert.Equal(TrainingLoop.MaximumAttempts, task.Failures);
    }

    [Fact]
    public void OtherNativeErrorsAreNotRetried()
    {
        using var task = new TinyRegressionTask { FailAt = (2, 1), FailureMessage = "shape '[4, 2]' is invalid for input of size 6" };

        var error = Assert.Throws<ExternalException>(() => TrainingLoop.Run(task, Quick));

        Assert.Contains("is invalid", error.Message, StringComparison.Ordinal);
        Assert.Equal(1, task.Failures);
    }
}
