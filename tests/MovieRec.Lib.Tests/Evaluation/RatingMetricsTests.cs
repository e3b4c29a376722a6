using MovieRec.Evaluation;

namespace MovieRec.Tests.Evaluation;

public sealed class RatingMetricsTests
{
    private const double Tolerance = 1e-9;

    [Fact]
    public void HandComputedExampleGivesEveryMetric()
    {
        // Errors y − ŷ: 0.5, 0, −1. MSE = 1.25/3, MAE = 1.5/3, mean(y) = 4, SS_tot = 2, R² = 1 − 1.25/2.
        // Error mean −1/6, Var(error) = (0.4444 + 0.0278 + 0.6944)/3 = 0.38889, Var(y) = 2/3, EV = 1 − 0.58333.
        var result = RatingMetrics.Compute([3f, 4f, 5f], [2.5f, 4f, 6f]);

        Assert.Equal(3, result.Count);
        Assert.Equal(1.25 / 3, result.MeanSquaredError, Tolerance);
        Assert.Equal(0.5, result.MeanAbsoluteError, Tolerance);
        Assert.Equal(Math.Sqrt(1.25 / 3), result.RootMeanSquaredError, Tolerance);
        Assert.Equal(0.375, result.RSquared, Tolerance);
        Assert.Equal(1 - ((7.0 / 18) / (2.0 / 3)), result.ExplainedVariance, Tolerance);
        Assert.Equal(0.416667, result.ExplainedVariance, 6);
    }

    [Fact]
    public void ConstantBiasLowersRSquaredButNotExplainedVariance()
    {
        var result = RatingMetrics.Compute([1f, 2f, 3f], [2f, 3f, 4f]);

        Assert.Equal(1.0, result.MeanSquaredError, Tolerance);
        Assert.Equal(1.0 - (3.0 / 2), result.RSquared, Tolerance);
        Assert.Equal(1.0, result.ExplainedVariance, Tolerance);
    }

    [Fact]
    public void PerfectPredictionsScoreZeroErrorAndOneRSquared()
    {
        var result = RatingMetrics.Compute([1f, 3.5f, 5f], [1f, 3.5f, 5f]);

        Assert.Equal(0.0, result.MeanSquaredError);
        Assert.Equal(0.0, result.MeanAbsoluteError);
        Assert.Equal(1.0, result.RSquared);
        Assert.Equal(1.0, result.ExplainedVariance);
    }

    [Fact]
    public void ConstantActualRatingsFollowScikitLearnConvention()
    {
        Assert.Equal(1.0, RatingMetrics.RSquared([4f, 4f], [4f, 4f]));
        Assert.Equal(0.0, RatingMetrics.RSquared([4f, 4f], [3f, 5f]));
        Assert.Equal(0.0, RatingMetrics.ExplainedVariance([4f, 4f], [3f, 5f]));
    }

    [Fact]
    public void SingleMetricMethodsAgreeWithCompute()
    {
        float[] actual = [1f, 2f, 4f, 5f];
        float[] predicted = [1.5f, 2.5f, 3f, 4.5f];
        var all = RatingMetrics.Compute(actual, predicted);

        Assert.Equal(all.MeanSquaredError, RatingMetrics.MeanSquaredError(actual, predicted));
        Assert.Equal(all.MeanAbsoluteError, RatingMetrics.MeanAbsoluteError(actual, predicted));
        Assert.Equal(all.RootMeanSquaredError, RatingMetrics.RootMeanSquaredError(actual, predicted));
        Assert.Equal(all.RSquared, RatingMetrics.RSquared(actual, predicted));
        Assert.Equal(all.ExplainedVariance, RatingMetrics.ExplainedVariance(actual, predicted));
    }

    [Fact]
    public void MismatchedLengthsAreAnError()
    {
        var error = Assert.Throws<ArgumentException>(() => RatingMetrics.Compute([1f, 2f], [1f]));
        Assert.Equal("predicted", error.ParamName);
    }

    [Fact]
    public void EmptyInputIsAnError()
    {
        var error = Assert.Throws<ArgumentException>(() => RatingMetrics.Compute([], []));
        Assert.Equal("actual", error.ParamName);
    }

    [Fact]
    public void NaNPredictionIsAnError()
    {
        var error = Assert.Throws<ArgumentException>(() => RatingMetrics.Compute([1f, 2f], [1f, float.NaN]));
        Assert.Equal("predicted", error.ParamName);
        Assert.Contains("predicted[1]", error.Message);
    }
}
