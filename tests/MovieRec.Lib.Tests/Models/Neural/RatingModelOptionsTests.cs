using MovieRec.Models.Neural;
using MovieRec.Models.Ranking;
using MovieRec.Training;
using Xunit;

namespace MovieRec.Tests.Models.Neural;

public class RatingModelOptionsTests
{
    public static TheoryData<RatingModelOptions> Defaults() => new()
    {
        new MatrixFactorizationNNOptions(),
        new CfnnOptions(),
        new RankingModelOptions(),
    };

    [Theory]
    [MemberData(nameof(Defaults))]
    public void SharedDefaultsAreTheDocumentedOnes(RatingModelOptions options)
    {
        Assert.Equal(0.1, options.InitialScale);
        Assert.Equal(0.05, options.Regularization);
        Assert.Equal(0.05, options.ValidationFraction);
        Assert.Equal(7, options.ValidationSeed);
        Assert.Equal(40, options.Training.Epochs);
        Assert.Equal(1024, options.Training.BatchSize);
        Assert.Equal(OptimizerKind.Adam, options.Training.Optimizer);
        Assert.Equal(3, options.Training.Patience);
        options.Validate();
    }

    [Fact]
    public void MatrixFactorizationKeepsItsOwnLearningRateAndTheOthersShareOne()
    {
        Assert.Equal(5e-3, new MatrixFactorizationNNOptions().Training.LearningRate);
        Assert.Equal(3e-3, new CfnnOptions().Training.LearningRate);
        Assert.Equal(3e-3, new RankingModelOptions().Training.LearningRate);
    }

    [Fact]
    public void AnInitializerStillReplacesTheConstructorsTrainingDefault()
    {
        var options = new MatrixFactorizationNNOptions { Training = new TrainingOptions { Epochs = 2, LearningRate = 0.1 } };

        Assert.Equal(0.1, options.Training.LearningRate);
        Assert.Equal(2, options.Training.Epochs);
    }

    [Theory]
    [MemberData(nameof(Defaults))]
    public void SharedFieldsAreValidatedForEveryModel(RatingModelOptions options)
    {
        var error = Assert.Throws<ArgumentException>(() => (options with { InitialScale = -1 }).Validate("settings"));
        Assert.Equal("settings", error.ParamName);
        Assert.Contains("InitialScale", error.Message, StringComparison.Ordinal);

        error = Assert.Throws<ArgumentException>(() => (options with { ValidationFraction = 1 }).Validate("settings"));
        Assert.Contains("ValidationFraction", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ArchitectureFieldsAreCheckedFirst()
    {
        var error = Assert.Throws<ArgumentException>(() => new CfnnOptions { EmbeddingDimension = 0, Regularization = -1 }.Validate());
        Assert.Contains("EmbeddingDimension", error.Message, StringComparison.Ordinal);
    }
}
