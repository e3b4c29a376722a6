using MovieRec.Evaluation;
using MovieRec.Tests.Conformance;

namespace MovieRec.Tests.Evaluation;

public sealed class PairedComparisonTests
{
    private static readonly EvaluationOptions Fast = new() { Bootstrap = new BootstrapOptions { Resamples = 200 } };

    [Fact]
    public void ModelComparedWithItselfHasDifferenceZeroAndPValueOne()
    {
        var (train, test, _) = EvaluationTestData.Build();
        var model = new ItemCooccurrenceReference();
        var result = Evaluator.FitAndEvaluate(model, train, test, Fast);

        var comparison = PairedComparison.Compare(result, result, RankingMetric.Ndcg);

        Assert.Equal(0.0, comparison.Difference.Estimate);
        Assert.Equal(0.0, comparison.Difference.Lower);
        Assert.Equal(0.0, comparison.Difference.Upper);
        Assert.Equal(1.0, comparison.PValue);
        Assert.Equal(1.0, comparison.TTestPValue);
        Assert.Equal(0.0, comparison.TStatistic);
        Assert.Equal(result.Users, comparison.Ties);
        Assert.Equal(result.Users, comparison.Users);
        Assert.False(comparison.IsSignificant());
        Assert.Equal("Ndcg@10", comparison.Metric);
    }

    [Fact]
    public void ClearlyBetterModelBeatsARandomOneSignificantly()
    {
        var (train, test, _) = EvaluationTestData.Build();
        var good = Evaluator.FitAndEvaluate(new ItemCooccurrenceReference(), train, test, Fast);
        var random = Evaluator.FitAndEvaluate(FunctionRecommender.Random(), train, test, Fast);

        var comparison = PairedComparison.Compare(good, random, RankingMetric.Ndcg);
        var reversed = PairedComparison.Compare(random, good, RankingMetric.Ndcg);

        Assert.True(comparison.PValue < 0.05, comparison.ToString());
        Assert.True(comparison.TTestPValue < 0.05, comparison.ToString());
        Assert.True(comparison.Difference.Lower > 0, comparison.ToString());
        Assert.Equal(good.Aggregate.Ndcg - random.Aggregate.Ndcg, comparison.Difference.Estimate, 12);
        Assert.Equal(good.Aggregate.Ndcg, comparison.MeanA, 12);
        Assert.True(comparison.AWins > comparison.BWins);
        Assert.Equal(-comparison.Difference.Estimate, reversed.Difference.Estimate, 12);
        Assert.Equal(comparison.PValue, reversed.PValue);
        Assert.Equal(comparison.TTestPValue, reversed.TTestPValue, 12);
    }

    [Fact]
    public void SignFlipPValueMatchesTheExactValueOnASmallSample()
    {
        // Five equal positive differences: only the all-plus and all-minus sign patterns (2 of 32) are as
        // extreme, so the exact two-sided p is 1/16.
        var p = PairedComparison.SignFlipPValue([1, 1, 1, 1, 1], permutations: 100_000, seed: 3);

        Assert.InRange(p, 0.0625 - 0.004, 0.0625 + 0.004); // ± 5 standard errors of 100,000 draws
    }

    [Fact]
    public void SignFlipPValueIsDeterministicBySeedAndNeverZero()
    {
        var differences = Enumerable.Range(0, 50).Select(i => i % 5 == 0 ? -0.1 : 0.3).ToArray();

        var first = PairedComparison.SignFlipPValue(differences, 1_000, seed: 9);
        var again = PairedComparison.SignFlipPValue(differences, 1_000, seed: 9);

        Assert.Equal(first, again);
        Assert.Equal(1.0 / 1_001, first); // nothing is as extreme as 40 of 50 agreeing, but p is never 0
    }

    [Fact]
    public void PairedTTestMatchesTheCauchyClosedFormWithOneDegreeOfFreedom()
    {
        // d = 1, 3: mean 2, sd √2, t = 2 / (√2 / √2) = 2; with df = 1, P(|T| ≥ t) = 1 − 2·atan(t)/π.
        var (t, p) = PairedComparison.PairedTTest([1.0, 3.0]);

        Assert.Equal(2.0, t, 12);
        Assert.Equal(1 - (2 * Math.Atan(2.0) / Math.PI), p, 9);
    }

    [Fact]
    public void PairedTTestMatchesTheClosedFormWithTwoDegreesOfFreedom()
    {
        // d = 1, 2, 3: mean 2, sd 1, t = 2√3; with df = 2, P(|T| ≥ t) = 1 − t/√(2 + t²).
        var (t, p) = PairedComparison.PairedTTest([1.0, 2.0, 3.0]);

        Assert.Equal(2 * Math.Sqrt(3), t, 12);
        Assert.Equal(1 - (t / Math.Sqrt(2 + (t * t))), p, 9);
    }

    [Theory]
    [InlineData(2.228, 10, 0.05)] // two-sided 5% critical value of t with 10 degrees of freedom
    [InlineData(2.015, 5, 0.10)]
    [InlineData(2.576, 100_000, 0.01)] // the normal limit
    public void StudentTTailMatchesTables(double t, int degreesOfFreedom, double expected)
    {
        Assert.Equal(expected, StudentT.TwoSidedPValue(t, degreesOfFreedom), 3);
    }

    [Fact]
    public void UsersAreMatchedByIdAndOthersLeftOut()
    {
        var comparison = PairedComparison.Compare(
            [3, 1, 2, 9], [0.5, 1.0, 0.0, 1.0],
            [1, 2, 3, 7], [0.5, 0.0, 0.5, 0.0],
            "A", "B", "Ndcg@10");

        // Pairs: user 1 (1.0, 0.5), user 2 (0, 0), user 3 (0.5, 0.5) → differences 0.5, 0, 0.
        Assert.Equal(3, comparison.Users);
        Assert.Equal(0.5 / 3, comparison.Difference.Estimate, 12);
        Assert.Equal(1, comparison.AWins);
        Assert.Equal(0, comparison.BWins);
        Assert.Equal(2, comparison.Ties);
        Assert.Equal(1.5 / 3, comparison.MeanA, 12);
        Assert.Equal(1.0 / 3, comparison.MeanB, 12);
    }

    [Fact]
    public void ComparisonsWithoutCommonUsersOrAtDifferentKAreRefused()
    {
        Assert.Throws<ArgumentException>(() => PairedComparison.Compare([1], [1.0], [2], [1.0]));
        Assert.Throws<ArgumentException>(() => PairedComparison.Compare([1, 1], [1.0, 0.0], [1], [1.0]));

        var (train, test, _) = EvaluationTestData.Build();
        var model = new ItemCooccurrenceReference();
        var at10 = Evaluator.FitAndEvaluate(model, train, test, Fast);
        var at5 = Evaluator.Evaluate(model, train, test, Fast with { K = 5 });
        Assert.Equal("b", Assert.Throws<ArgumentException>(() => PairedComparison.Compare(at10, at5)).ParamName);
    }
}
