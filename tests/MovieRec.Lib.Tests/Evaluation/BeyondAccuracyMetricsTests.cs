using MovieRec.Data;
using MovieRec.Evaluation;
using MovieRec.Models;

namespace MovieRec.Tests.Evaluation;

public sealed class BeyondAccuracyMetricsTests
{
    private const double Tolerance = 1e-12;

    // Training: movie 1 rated 4 times, movie 2 twice, movies 3 and 4 once: 8 ratings, catalogue of 4.
    private static readonly ItemPopularity Popularity = ItemPopularity.FromRatings(new RatingsTable(
        [1, 2, 3, 4, 1, 2, 3, 4], [1, 1, 1, 1, 2, 2, 3, 4], [4, 4, 4, 4, 4, 4, 4, 4], new long[8]));

    private static readonly GenreIndex Genres = GenreIndex.FromMovies(
    [
        new Movie(1, "A (1990)", 1990, ["Comedy", "Drama"]),
        new Movie(2, "B (1991)", 1991, ["Comedy"]),
        new Movie(3, "C (1992)", 1992, ["Horror"]),
        new Movie(4, "D (1993)", 1993, []),
    ]);

    [Fact]
    public void HandComputedExampleGivesEveryMetric()
    {
        // Lists [1, 2] and [1, 3]: distinct {1, 2, 3} of 4 → coverage 0.75. Shares 1/2, 1/4, 1/4 →
        // entropy 0.5·1 + 2·0.25·2 = 1.5 bits. Self-information: movie 1 −log2(4/8) = 1, movie 2 2,
        // movie 3 3 → novelty (1 + 2 + 1 + 3)/4 = 1.75. Genre distances: 1 − J({C,D},{C}) = 0.5 and
        // 1 − J({C,D},{H}) = 1 → diversity 0.75.
        var recommendations = Recommendations.FromRows([10, 11], [[1, 2], [1, 3]]);

        var result = BeyondAccuracyMetrics.Compute(recommendations, k: 2, Popularity, Genres);

        Assert.Equal(4, result.RecommendationCount);
        Assert.Equal(3, result.DistinctItems);
        Assert.Equal(0.75, result.CatalogueCoverage, Tolerance);
        Assert.Equal(1.5, result.DistributionalCoverage, Tolerance);
        Assert.Equal(1.75, result.Novelty, Tolerance);
        Assert.NotNull(result.IntraListDiversity);
        Assert.Equal(0.75, result.IntraListDiversity!.Value, Tolerance);
    }

    [Fact]
    public void RowsAreCutAtK()
    {
        var recommendations = Recommendations.FromRows([10, 11], [[1, 2], [1, 3]]);

        var result = BeyondAccuracyMetrics.Compute(recommendations, k: 1, Popularity, Genres);

        Assert.Equal(0.25, result.CatalogueCoverage, Tolerance);
        Assert.Equal(0.0, result.DistributionalCoverage, Tolerance);
        Assert.Equal(1.0, result.Novelty, Tolerance);
        Assert.True(double.IsNaN(result.IntraListDiversity!.Value));
    }

    [Fact]
    public void ItemsOutsideTrainingCatalogueAreReportedAndLeftOutOfCoverageAndNovelty()
    {
        var recommendations = Recommendations.FromRows([10], [[3, 99]]);

        var result = BeyondAccuracyMetrics.Compute(recommendations, k: 2, Popularity);

        Assert.Equal(1, result.DistinctItemsOutsideCatalogue);
        Assert.Equal(0.25, result.CatalogueCoverage, Tolerance);
        Assert.Equal(3.0, result.Novelty, Tolerance);
        Assert.Equal(1.0, result.DistributionalCoverage, Tolerance);
        Assert.Null(result.IntraListDiversity);
    }

    [Fact]
    public void IdenticalListsHaveZeroDiversityAndEmptyGenreSetsAreIdentical()
    {
        var recommendations = Recommendations.FromRows([10, 11], [[2, 2], [4, 4]]);

        Assert.Equal(0.0, BeyondAccuracyMetrics.IntraListDiversity(recommendations, 2, Genres), Tolerance);
        Assert.Equal(1.0, GenreIndex.Jaccard(0, 0));
        Assert.Equal(0.0, GenreIndex.Jaccard(0, 1));
    }

    [Fact]
    public void MovieMissingFromGenreIndexIsAnError()
    {
        var recommendations = Recommendations.FromRows([10], [[1, 99]]);

        var error = Assert.Throws<ArgumentException>(() => BeyondAccuracyMetrics.IntraListDiversity(recommendations, 2, Genres));
        Assert.Contains("99", error.Message);
    }

    [Fact]
    public void SelfInformationOfPopularityShare()
    {
        Assert.Equal(8, Popularity.TotalInteractions);
        Assert.Equal(4, Popularity.CatalogueSize);
        Assert.Equal(3.0, Popularity.SelfInformation(4), Tolerance);
        Assert.True(double.IsPositiveInfinity(Popularity.SelfInformation(99)));
    }
}
