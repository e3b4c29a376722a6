using MovieRec.Analysis;
using MovieRec.Data;

namespace MovieRec.Tests.Analysis;

public class UserSampleTests
{
    private static readonly RatingsTable Ratings = new(
        [1, 2, 1, 3, 4, 2, 5],
        [10, 10, 20, 30, 10, 40, 50],
        [4, 3, 5, 2, 1, 4, 3],
        [1, 2, 3, 4, 5, 6, 7]);

    [Fact]
    public void KeepsEveryRatingOfTheDrawnUsersInOrder()
    {
        var sample = UserSample.Take(Ratings, maxUsers: 2, seed: 3);

        var users = sample.DistinctUserIds();
        Assert.Equal(2, users.Length);
        var expectedRows = Enumerable.Range(0, Ratings.Count).Where(i => users.Contains(Ratings.UserIds[i])).ToArray();
        Assert.Equal(expectedRows.Select(i => Ratings.MovieIds[i]), sample.MovieIds);
        Assert.Equal(expectedRows.Select(i => Ratings.Timestamps[i]), sample.Timestamps);
    }

    [Fact]
    public void TheSameSeedDrawsTheSameUsersAndOthersDiffer()
    {
        var draws = Enumerable.Range(0, 10).Select(seed => string.Join(",", UserSample.Take(Ratings, 2, seed).DistinctUserIds())).ToArray();

        Assert.Equal(draws[4], string.Join(",", UserSample.Take(Ratings, 2, 4).DistinctUserIds()));
        Assert.True(draws.Distinct().Count() > 1, "different seeds should not all draw the same users");
    }

    [Fact]
    public void ZeroOrTooManyKeepsTheWholeTable()
    {
        Assert.Same(Ratings, UserSample.Take(Ratings, 0, 1));
        Assert.Same(Ratings, UserSample.Take(Ratings, 5, 1));
        Assert.Throws<ArgumentException>("maxUsers", () => UserSample.Take(Ratings, -1, 1));
    }
}
