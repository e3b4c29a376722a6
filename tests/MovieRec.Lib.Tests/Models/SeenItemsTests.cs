using MovieRec.Data;
using MovieRec.Models;

namespace MovieRec.Tests.Models;

public sealed class SeenItemsTests
{
    [Fact]
    public void RowsHoldEachUsersItemIndicesAscendingWithRatings()
    {
        // Users 5 and 9; movies 30, 10, 20 → indices 2, 0, 1.
        var ratings = new RatingsTable([9, 5, 9, 5], [30, 10, 10, 20], [1f, 2f, 3f, 4f], [0, 0, 0, 0]);
        var data = new TrainingData(ratings);

        var seen = data.SeenItems;

        Assert.Equal(2, seen.UserCount);
        Assert.Equal(3, seen.ItemCount);
        Assert.Equal([0, 1], seen.ItemsOf(0).ToArray());
        Assert.Equal([2f, 4f], seen.RatingsOf(0).ToArray());
        Assert.Equal([0, 2], seen.ItemsOf(1).ToArray());
        Assert.Equal([3f, 1f], seen.RatingsOf(1).ToArray());
        Assert.True(seen.Contains(1, 2));
        Assert.False(seen.Contains(0, 2));
    }

    [Fact]
    public void RepeatedRatingKeepsTheLatest()
    {
        var ratings = new RatingsTable([1, 1, 1], [10, 10, 20], [5f, 2f, 3f], [200, 100, 50]);

        var seen = new TrainingData(ratings).SeenItems;

        Assert.Equal(2, seen.Count);
        Assert.Equal([5f, 3f], seen.RatingsOf(0).ToArray());
    }

    [Fact]
    public void EnsureAtLeastNamesTheDataParameter()
    {
        var data = new TrainingData(new RatingsTable([1], [10], [4f], [0]));

        var error = Assert.Throws<ArgumentException>(() => data.EnsureAtLeast("Model", users: 2));

        Assert.Equal("data", error.ParamName);
        Assert.Contains("Model", error.Message);
        data.EnsureAtLeast("Model");
    }
}
