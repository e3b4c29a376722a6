using MovieRec.Data;
using MovieRec.Evaluation;
using MovieRec.Models;

namespace MovieRec.Tests.Evaluation;

public sealed class BeyondAccuracyIntervalsTests
{
    private const double Tolerance = 1e-12;

    // Training: movie 1 rated 4 times, movie 2 twice, movies 3 and 4 once: 8 ratings. Self-information
    // −log2(count / 8): movie 1 → 1 bit, movie 2 → 2 bits, movies 3 and 4 → 3 bits.
    private static readonly ItemPopularity Popularity = ItemPopularity.FromRatings(new RatingsTable(
        [1, 2, 3, 4, 1, 2, 3, 4], [1, 1, 1, 1, 2, 2, 3, 4], [4, 4, 4, 4, 4, 4, 4, 4], new long[8]));

    private static readonly GenreIndex Genres = GenreIndex.FromMovies(
    [
        new Movie(1, "A (1990)", 1990, ["Comedy", "Drama"]),
        new Movie(2, "B (1991)", 1991, ["Comedy"]),
        new Movie(3, "C (1992)", 1992, ["Horror"]),
        new Movie(4, "D (1993)", 1993, ["Horror"]),
    ]);

    private static readonly BootstrapOptions Bootstrap = new() { Resamples = 200, Seed = 3 };

    [Fact]
    public void NoveltyEstimateIsTheEntryWeightedMeanOfSelfInformation()
    {
        // Row 1 [1, 2]: 1 + 2 = 3 bits over 2 entries; row 2 [3]: 3 bits over 1 entry → (3 + 3) / 3 = 2 bits,
        // the same as BeyondAccuracyMetrics.Novelty. A resample holds only these rows, so its value lies between the
        // per-row means 1.5 and 3.
        var recommendations = Recommendations.FromRows([10, 11], [[1, 2], [3]]);

        var interval = BeyondAccuracyIntervals.Novelty(recommendations, k: 2, Popularity, Bootstrap)!;

        Assert.Equal(2.0, interval.Estimate, Tolerance);
        Assert.Equal(BeyondAccuracyMetrics.Novelty(recommendations, 2, Popularity), interval.Estimate, Tolerance);
        Assert.InRange(interval.Lower, 1.5, interval.Estimate);
        Assert.InRange(interval.Upper, interval.Estimate, 3.0);
        Assert.Equal(0.95, interval.Level);
    }

    [Fact]
    public void NoveltyCutsRowsAtKAndSkipsMoviesOutsideTheCatalogue()
    {
        // K = 1: row 1 keeps [1] (1 bit), row 2 keeps [99] (not in the catalogue: left out) → 1 bit, every resample too.
        var recommendations = Recommendations.FromRows([10, 11], [[1, 2], [99, 3]]);

        var interval = BeyondAccuracyIntervals.Novelty(recommendations, k: 1, Popularity, Bootstrap)!;

        Assert.Equal(1.0, interval.Estimate, Tolerance);
        Assert.Equal(1.0, interval.Lower, Tolerance);
        Assert.Equal(1.0, interval.Upper, Tolerance);
        Assert.Null(BeyondAccuracyIntervals.Novelty(Recommendations.FromRows([10], [[99]]), 1, Popularity, Bootstrap));
    }

    [Fact]
    public void DiversityEstimateIsTheMeanOverRowsWithTwoItems()
    {
        // [1, 2]: 1 − J({C,D},{C}) = 0.5; [3, 4]: both Horror → 0; [1, 3, 4]: pairs 1, 1, 0 → 2/3; [2] is skipped.
        // Mean (0.5 + 0 + 2/3) / 3 = 7/18, as BeyondAccuracyMetrics.IntraListDiversity.
        var recommendations = Recommendations.FromRows([10, 11, 12, 13], [[1, 2], [3, 4], [1, 3, 4], [2]]);

        var interval = BeyondAccuracyIntervals.Diversity(recommendations, k: 3, Genres, Bootstrap)!;

        Assert.Equal(7.0 / 18, interval.Estimate, Tolerance);
        Assert.Equal(BeyondAccuracyMetrics.IntraListDiversity(recommendations, 3, Genres), interval.Estimate, Tolerance);
        Assert.InRange(interval.Lower, 0.0, interval.Estimate);
        Assert.InRange(interval.Upper, interval.Estimate, 2.0 / 3);
    }

    [Fact]
    public void DiversityIsNullWithoutPairsAndRejectsUnknownMovies()
    {
        Assert.Null(BeyondAccuracyIntervals.Diversity(Recommendations.FromRows([10], [[1, 2]]), k: 1, Genres, Bootstrap));
        var error = Assert.Throws<ArgumentException>(() =>
            BeyondAccuracyIntervals.Diversity(Recommendations.FromRows([10], [[1, 42]]), k: 2, Genres, Bootstrap));
        Assert.Equal("genres", error.ParamName);
        Assert.Contains("42", error.Message, StringComparison.Ordinal);
    }
}
