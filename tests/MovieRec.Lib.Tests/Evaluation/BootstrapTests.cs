using MovieRec.Evaluation;

namespace MovieRec.Tests.Evaluation;

public sealed class BootstrapTests
{
    private static double[] Sample(int n, int seed)
    {
        // Per-user metric-like values in [0, 1]: a mix of zeros and spread positives.
        var random = new Random(seed);
        return Enumerable.Range(0, n).Select(_ => random.NextDouble() < 0.4 ? 0.0 : random.NextDouble()).ToArray();
    }

    [Fact]
    public void IntervalContainsTheMeanAndIsCenteredOnIt()
    {
        var values = Sample(500, 1);

        var interval = Bootstrap.Mean(values);

        Assert.Equal(values.Average(), interval.Estimate, 12);
        Assert.True(interval.Lower < interval.Estimate && interval.Estimate < interval.Upper, interval.ToString());
        Assert.Equal(0.95, interval.Level);

        // Percentile interval of a mean of 500 values ≈ mean ± 1.96 standard errors.
        var standardError = Math.Sqrt(values.Select(v => (v - values.Average()) * (v - values.Average())).Sum() / values.Length / values.Length);
        Assert.InRange(interval.Width, 2 * 1.96 * standardError * 0.85, 2 * 1.96 * standardError * 1.15);
    }

    [Fact]
    public void IntervalShrinksWithMoreUsers()
    {
        var few = Bootstrap.Mean(Sample(100, 2));
        var many = Bootstrap.Mean(Sample(10_000, 2));

        // Width scales with 1/√n: 100× the users gives about a tenth of the width.
        Assert.True(many.Width < few.Width / 5, $"100 users: {few.Width}, 10,000 users: {many.Width}");
    }

    [Fact]
    public void SameSeedGivesTheSameIntervalAndAnotherSeedAnotherOne()
    {
        var values = Sample(300, 3);

        var first = Bootstrap.Mean(values, new BootstrapOptions { Seed = 5 });
        var again = Bootstrap.Mean(values, new BootstrapOptions { Seed = 5 });
        var other = Bootstrap.Mean(values, new BootstrapOptions { Seed = 6 });

        Assert.Equal(first, again);
        Assert.NotEqual(first.Lower, other.Lower);
        Assert.Equal(first.Estimate, other.Estimate);
    }

    [Fact]
    public void HigherLevelGivesAWiderInterval()
    {
        var values = Sample(400, 4);

        var ninety = Bootstrap.Mean(values, new BootstrapOptions { ConfidenceLevel = 0.90 });
        var ninetyNine = Bootstrap.Mean(values, new BootstrapOptions { ConfidenceLevel = 0.99 });

        Assert.True(ninetyNine.Lower < ninety.Lower && ninety.Upper < ninetyNine.Upper);
    }

    [Fact]
    public void ConstantValuesGiveAZeroWidthInterval()
    {
        var interval = Bootstrap.Mean([0.25, 0.25, 0.25, 0.25]);

        Assert.Equal(new ConfidenceInterval(0.25, 0.25, 0.25, 0.95), interval);
    }

    [Fact]
    public void ColumnsResampledTogetherMatchSeparateIntervalsWithTheSameSeed()
    {
        var a = Sample(200, 5);
        var b = a.Select(v => 1 - v).ToArray();

        var both = Bootstrap.Means([a, b]);

        Assert.Equal(Bootstrap.Mean(a), both[0]);
        // b = 1 − a in every resample, so its interval mirrors a's.
        Assert.Equal(1 - both[0].Upper, both[1].Lower, 12);
        Assert.Equal(1 - both[0].Lower, both[1].Upper, 12);
    }

    [Fact]
    public void RatioResamplesUnitsAsWholes()
    {
        // Two users: squared errors 8 over 2 ratings and 1 over 1 rating → RMSE = √(9 / 3) = √3.
        var interval = Bootstrap.Ratio([8, 1], [2, 1], Math.Sqrt);

        Assert.Equal(Math.Sqrt(3), interval.Estimate, 12);
        // Possible resamples: both first user (RMSE 2), both second (1), one each (√3).
        Assert.InRange(interval.Lower, 1.0, Math.Sqrt(3));
        Assert.InRange(interval.Upper, Math.Sqrt(3), 2.0);
    }

    [Theory]
    [InlineData(0.0, 1.0)]
    [InlineData(0.5, 2.5)]
    [InlineData(0.25, 1.75)]
    [InlineData(1.0, 4.0)]
    public void QuantileInterpolatesBetweenOrderStatistics(double p, double expected)
    {
        Assert.Equal(expected, Bootstrap.Quantile([1.0, 2.0, 3.0, 4.0], p), 12);
    }

    [Fact]
    public void BadInputIsRejected()
    {
        Assert.Throws<ArgumentException>(() => Bootstrap.Mean([]));
        Assert.Throws<ArgumentException>(() => Bootstrap.Mean([1.0, double.NaN]));
        Assert.Throws<ArgumentException>(() => Bootstrap.Means([[1.0, 2.0], [1.0]]));
        Assert.Equal("options", Assert.Throws<ArgumentException>(() => Bootstrap.Mean([1.0], new BootstrapOptions { Resamples = 5 })).ParamName);
        Assert.Equal("options", Assert.Throws<ArgumentException>(() => Bootstrap.Mean([1.0], new BootstrapOptions { ConfidenceLevel = 1 })).ParamName);
        Assert.Throws<ArgumentException>(() => Bootstrap.Ratio([1.0], [0.0]));
    }
}
