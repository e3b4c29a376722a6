using MovieRec.Data;
using MovieRec.Exploration;

namespace MovieRec.Tests.Exploration;

public class RatingDistributionTests
{
    [Fact]
    public void CountsEachStarValueAndDescribesTheShape()
    {
        var distribution = RatingDistribution.Of(TinyData.Ratings);

        Assert.Equal(
            new RatingValueCount[]
            {
                new(2.0f, 1, 0.125), new(3.0f, 1, 0.125), new(3.5f, 1, 0.125), new(4.0f, 2, 0.25), new(4.5f, 1, 0.125), new(5.0f, 2, 0.25),
            },
            distribution.Values);
        Assert.Equal(8, distribution.Count);
        Assert.Equal(3.875, distribution.Mean, 12);    // 31 / 8
        Assert.Equal(4.0, distribution.Median);         // sorted 2 3 3.5 4 | 4 4.5 5 5
        Assert.Equal(5.0, distribution.Mode);           // 4.0 and 5.0 both twice: the higher one
        Assert.Equal(Math.Sqrt(0.921875), distribution.StandardDeviation, 12); // 127.5 / 8 − 3.875²
        Assert.Equal(0.25, distribution.HalfStarShare); // 3.5 and 4.5
    }

    [Fact]
    public void MedianOfAnOddCountIsTheMiddleValue()
    {
        var ratings = new RatingsTable([1, 1, 1], [1, 2, 3], [0.5f, 5f, 1.5f], [0, 0, 0]);

        var distribution = RatingDistribution.Of(ratings);

        Assert.Equal(1.5, distribution.Median);
        Assert.Equal(2.0 / 3, distribution.HalfStarShare, 12); // 0.5 and 1.5
        Assert.Equal(5.0, distribution.Mode); // all tied once: the highest
    }

    [Fact]
    public void EmptyRatingsGiveNaNsAndNoRows()
    {
        var distribution = RatingDistribution.Of(RatingsTable.Empty);

        Assert.Empty(distribution.Values);
        Assert.Equal(0, distribution.Count);
        Assert.True(double.IsNaN(distribution.Mean));
        Assert.True(double.IsNaN(distribution.Median));
    }

    [Fact]
    public void RowsNameEveryHeadlineNumber()
    {
        var rows = RatingDistribution.Of(TinyData.Ratings).ToRows();

        Assert.Equal(["ratings", "mean", "median", "mode", "standard deviation", "half-star share"], rows.Select(r => r.Name));
        Assert.Equal("8", rows[0].Value);
    }

    [Fact]
    public void NullRatingsAreRejected()
    {
        Assert.Throws<ArgumentNullException>("ratings", () => RatingDistribution.Of(null!));
    }
}
