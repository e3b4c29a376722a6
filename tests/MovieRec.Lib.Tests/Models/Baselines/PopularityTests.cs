using MovieRec.Models;
using MovieRec.Models.Baselines;
using MovieRec.Tests.Conformance;

namespace MovieRec.Tests.Models.Baselines;

public sealed class PopularityConformanceTests : RecommenderConformanceTests
{
    protected override IRecommender CreateModel() => new Popularity();

    // Non-personalised: block A is more popular, so only group A (8 of 14 users) gets its held-out movie first,
    // and every movie's "most similar" is the most popular block-A movie (5 of 10 movies agree).
    protected override double MinimumCheckerboardHitRate => 8.0 / 14;

    protected override double MinimumSimilarItemsBlockAgreement => 0.5;
}

public sealed class PopularityTests
{
    [Fact]
    public void ScoreIsTheNumberOfUsersWhoRatedTheMovie()
    {
        var model = new Popularity();
        model.Fit(BaselineTestData.Binary((1, [10, 20, 30]), (2, [20, 30]), (3, [30])));

        var scores = model.Score([1, 1, 1], [10, 20, 30]);

        Assert.Equal([1f, 2f, 3f], scores);
    }

    [Fact]
    public void RecommendsTheMostRatedUnseenMoviesWithTiesToTheLowerId()
    {
        var model = new Popularity();
        model.Fit(BaselineTestData.Binary((1, [10]), (2, [40, 30, 20]), (3, [40, 30, 20]), (4, [50, 40])));

        var (movies, scores) = model.RecommendOne(1, k: 4);

        // 40 rated by 3 users; 20 and 30 tie at 2 (20 first); 50 has 1; 10 is seen.
        Assert.Equal([40, 20, 30, 50], movies);
        Assert.Equal([3f, 2f, 2f, 1f], scores);
    }

    [Fact]
    public void RepeatedRatingsOfOneMovieByOneUserCountOnce()
    {
        var model = new Popularity();
        model.Fit(BaselineTestData.Train((1, 10, 3f), (1, 10, 4f), (2, 20, 5f), (3, 20, 1f)));

        Assert.Equal([1f, 2f], model.Score([1, 1], [10, 20]));
    }

    [Fact]
    public void LoadingACorruptCountsFileIsAClearError()
    {
        var model = new Popularity();
        model.Fit(BaselineTestData.Binary((1, [10, 20]), (2, [20])));
        using var directory = new TempDirectory();
        model.Save(directory.Path);
        var countsFile = Path.Combine(directory.Path, "popularity.bin");
        var bytes = File.ReadAllBytes(countsFile);
        File.WriteAllBytes(countsFile, bytes[..^3]);

        var error = Assert.Throws<InvalidDataException>(() => RecommenderStore.Load(directory.Path));

        Assert.Contains("popularity.bin", error.Message);
    }
}
