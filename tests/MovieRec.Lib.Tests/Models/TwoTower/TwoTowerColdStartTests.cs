using MovieRec.Models.TwoTower;
using MovieRec.Tests.Conformance;

namespace MovieRec.Tests.Models.TwoTower;

/// <summary><see cref="TwoTowerRecommender.RecommendFromRatings"/>: users outside training, through the history features.</summary>
[Collection(TorchCollection.Name)]
public sealed class TwoTowerColdStartTests
{
    private static readonly Lazy<(TwoTowerRecommender Model, CheckerboardFixture Fixture)> Shared = new(() =>
    {
        var fixture = CheckerboardFixture.Build(groupAUsers: 24, groupBUsers: 16, itemsPerBlock: 8);
        var model = new TwoTowerRecommender(TwoTowerConformanceTests.SmallOptions);
        model.Fit(fixture.Train);
        return (model, fixture);
    });

    /// <summary>The training ratings of <paramref name="userId"/> as (movie id, rating) pairs.</summary>
    private static (int MovieId, float Rating)[] RatingsOf(CheckerboardFixture fixture, int userId)
    {
        var data = fixture.Train;
        Assert.True(data.UserVocabulary.TryGetIndex(userId, out var user));
        var items = data.SeenItems.ItemsOf(user).ToArray();
        var ratings = data.SeenItems.RatingsOf(user).ToArray();
        return items.Select((item, i) => (data.ItemVocabulary.IdAt(item), ratings[i])).ToArray();
    }

    [Fact]
    public void ANewUserWithATrainingUsersRatingsGetsThatUsersRecommendations()
    {
        var (model, fixture) = Shared.Value;
        foreach (var userId in new[] { fixture.UserIds[0], fixture.UserIds[^1] })
        {
            var known = model.Recommend([userId], k: 5);
            var cold = model.RecommendFromRatings(RatingsOf(fixture, userId), k: 5);

            Assert.Equal([TwoTowerRecommender.ColdStartQueryId], cold.QueryIds);
            Assert.Equal(known.MovieIdsAt(0).ToArray(), cold.MovieIdsAt(0).ToArray());
            var knownScores = known.ScoresAt(0).ToArray();
            var coldScores = cold.ScoresAt(0).ToArray();
            for (var i = 0; i < knownScores.Length; i++)
            {
                Assert.Equal(knownScores[i], coldScores[i], 1e-5f);
            }
        }
    }

    [Fact]
    public void ResultsAreDeterministicAndFollowTheRatedBlock()
    {
        var (model, fixture) = Shared.Value;
        var comedies = fixture.MovieIds.Where(id => fixture.BlockOfMovie[id] == 'A').Take(3).Select(id => (id, 4f)).ToArray();

        var first = model.RecommendFromRatings(comedies, k: 3);
        var second = model.RecommendFromRatings(comedies, k: 3);

        Assert.Equal(first.MovieIds, second.MovieIds);
        Assert.Equal(first.Scores, second.Scores);
        Assert.All(first.MovieIdsAt(0).ToArray(), id => Assert.Equal('A', fixture.BlockOfMovie[id]));
    }

    [Fact]
    public void RatedMoviesAreExcludedUnlessAskedOtherwise()
    {
        var (model, fixture) = Shared.Value;
        var ratings = RatingsOf(fixture, fixture.UserIds[0]);
        var rated = ratings.Select(r => r.MovieId).ToHashSet();
        var k = fixture.MovieIds.Length;

        var excluded = model.RecommendFromRatings(ratings, k);
        var included = model.RecommendFromRatings(ratings, k, excludeRated: false);

        Assert.Equal(fixture.MovieIds.Length - rated.Count, excluded.RowLength(0));
        Assert.DoesNotContain(excluded.MovieIdsAt(0).ToArray(), rated.Contains);
        Assert.Equal(fixture.MovieIds.Length, included.RowLength(0));
        Assert.Contains(included.MovieIdsAt(0)[..rated.Count].ToArray(), rated.Contains);
    }

    [Fact]
    public void UnknownMoviesAreAnErrorNamingEachOfThem()
    {
        var (model, fixture) = Shared.Value;
        var ratings = new[] { (fixture.MovieIds[0], 4f), (CheckerboardFixture.UnknownMovieId, 3f), (777_777, 5f) };

        var error = Assert.Throws<ArgumentException>(() => model.RecommendFromRatings(ratings, k: 3));

        Assert.Equal("ratings", error.ParamName);
        Assert.Contains("2 rated movie(s)", error.Message);
        Assert.Contains(CheckerboardFixture.UnknownMovieId.ToString(), error.Message);
        Assert.Contains("777777", error.Message);
    }

    [Fact]
    public void RepeatedMoviesNonFiniteRatingsAndBadKAreRejected()
    {
        var (model, fixture) = Shared.Value;
        var movie = fixture.MovieIds[0];

        var repeated = Assert.Throws<ArgumentException>(() => model.RecommendFromRatings([(movie, 4f), (movie, 3f)], k: 3));
        var notFinite = Assert.Throws<ArgumentException>(() => model.RecommendFromRatings([(movie, float.NaN)], k: 3));

        Assert.Contains($"Movie {movie} is rated more than once", repeated.Message);
        Assert.Contains("not a finite number", notFinite.Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => model.RecommendFromRatings([(movie, 4f)], k: 0));
        Assert.Throws<ArgumentNullException>(() => model.RecommendFromRatings(null!, k: 3));
        Assert.Throws<InvalidOperationException>(() => new TwoTowerRecommender().RecommendFromRatings([(movie, 4f)], k: 3));
    }

    [Fact]
    public void RatingWeightedPoolingCountsHighRatingsMore()
    {
        var fixture = CheckerboardFixture.Build(groupAUsers: 24, groupBUsers: 16, itemsPerBlock: 8);
        var model = new TwoTowerRecommender(TwoTowerConformanceTests.SmallOptions with { HistoryRatingExponent = 2 });
        model.Fit(fixture.Train);
        var comedy = fixture.MovieIds.First(id => fixture.BlockOfMovie[id] == 'A');
        var other = fixture.MovieIds.First(id => fixture.BlockOfMovie[id] != 'A');

        var likesComedy = model.RecommendFromRatings([(comedy, 5f), (other, 0.5f)], k: 2);
        var likesOther = model.RecommendFromRatings([(comedy, 0.5f), (other, 5f)], k: 2);

        Assert.All(likesComedy.MovieIdsAt(0).ToArray(), id => Assert.Equal('A', fixture.BlockOfMovie[id]));
        Assert.All(likesOther.MovieIdsAt(0).ToArray(), id => Assert.NotEqual('A', fixture.BlockOfMovie[id]));
    }
}
