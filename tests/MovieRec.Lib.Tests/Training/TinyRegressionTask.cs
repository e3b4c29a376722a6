using MovieRec.Training;
using TorchSharp;
using static TorchSharp.torch;

namespace MovieRec.Tests.Training;

/// <summary>
/// A tiny, hand-checkable training task: fit y = x · (1, −2, 3, 0.5) with one linear layer. Scripted
/// validation values and an injectable NaN make the loop's decisions (early stopping, divergence) testable.
/// </summary>
internal sealed class TinyRegressionTask : ITrainingTask, IDisposable
{
    private readonly nn.Module<Tensor, Tensor> _module;
    private readonly Tensor _inputs;
    private readonly Tensor _targets;
    private int _validations;

    public TinyRegressionTask(int seed = 1, int examples = 64)
    {
        manual_seed(seed);
        _module = nn.Linear(4, 1);
        using var generator = new Generator(99);
        _inputs = rand([examples, 4], generator: generator).DetachFromDisposeScope();
        _targets = _inputs.matmul(tensor(new[] { 1f, -2f, 3f, 0.5f }).unsqueeze(1)).DetachFromDisposeScope();
    }

    /// <summary>Values <see cref="Validate"/> returns in turn (null: no validation).</summary>
    public double[]? ScriptedValidation { get; init; }

    /// <summary>Return a NaN loss at this (epoch, batch).</summary>
    public (int Epoch, int Batch)? NaNAt { get; init; }

    /// <summary>Throw <see cref="ScalarRaceMessage"/> (or <see cref="FailureMessage"/>) at this (epoch, batch), <see cref="FailureCount"/> times.</summary>
    public (int Epoch, int Batch)? FailAt { get; init; }

    /// <summary>How many times <see cref="FailAt"/> throws before the batch goes through.</summary>
    public int FailureCount { get; init; } = 1;

    /// <summary>The message of the injected failure. Default: libtorch's text for TorchSharp's Scalar race.</summary>
    public string FailureMessage { get; init; } = ScalarRaceMessage;

    /// <summary>What libtorch printed when the TorchSharp Scalar race hit (first lines).</summary>
    public const string ScalarRaceMessage =
        "Expected false to be true, but got false.  (Could this error message be improved?  If so, please report an enhancement request to PyTorch.)\n" +
        "Exception raised from toFloat at /pytorch/c10/core/Scalar.h:140 (most recent call first):";

    /// <summary>How many failures were injected.</summary>
    public int Failures { get; private set; }

    /// <summary>The module's weights after each validation, in order.</summary>
    public List<float[]> WeightsAtValidation { get; } = [];

    public nn.Module Module => _module;

    public long ExampleCount => _inputs.shape[0];

    public float[] Weights() => _module.parameters().First().data<float>().ToArray();

    public Tensor ComputeLoss(TrainingBatch batch)
    {
        if (NaNAt is { } at && at.Epoch == batch.Epoch && at.Batch == batch.BatchIndex)
        {
            return tensor(float.NaN, requires_grad: true);
        }

        if (FailAt is { } failure && failure.Epoch == batch.Epoch && failure.Batch == batch.BatchIndex && Failures < FailureCount)
        {
            Failures++;
            throw new System.Runtime.InteropServices.ExternalException(FailureMessage);
        }

        var inputs = _inputs.index_select(0, batch.ExampleIndices);
        var targets = _targets.index_select(0, batch.ExampleIndices);
        return nn.functional.mse_loss(_module.forward(inputs), targets);
    }

    public ValidationResult? Validate()
    {
        if (ScriptedValidation is null)
        {
            return null;
        }

        WeightsAtValidation.Add(Weights());
        var value = ScriptedValidation[Math.Min(_validations++, ScriptedValidation.Length - 1)];
        return new ValidationResult("score", new Dictionary<string, double> { ["score"] = value });
    }

    public void Dispose()
    {
        _module.Dispose();
        _inputs.Dispose();
        _targets.Dispose();
    }
}
