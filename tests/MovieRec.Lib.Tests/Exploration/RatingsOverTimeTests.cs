using MovieRec.Data;
using MovieRec.Exploration;

namespace MovieRec.Tests.Exploration;

public class RatingsOverTimeTests
{
    [Fact]
    public void GroupsByUtcCalendarYear()
    {
        var years = RatingsOverTime.PerYear(TinyData.Ratings);

        // 2004-12-31 23:59:59 UTC belongs to 2004 and 2005-01-01 00:00:00 UTC to 2005, whatever the local time zone.
        Assert.Equal([2000, 2004, 2005], years.Select(y => y.Year));
        Assert.Equal(new YearStatistic(2000, 2, 3.75, 1, 0.5), years[0]);
        Assert.Equal(new YearStatistic(2004, 3, 4.0, 2, 0.0), years[1]);
        var last = years[2];
        Assert.Equal((3, 2), (last.Ratings, last.Users));
        Assert.Equal(11.5 / 3, last.MeanRating, 12);
        Assert.Equal(1.0 / 3, last.HalfStarShare, 12);
    }

    [Fact]
    public void EmptyRatingsGiveNoYears()
    {
        Assert.Empty(RatingsOverTime.PerYear(RatingsTable.Empty));
    }

    [Fact]
    public void NullRatingsAreRejected()
    {
        Assert.Throws<ArgumentNullException>("ratings", () => RatingsOverTime.PerYear(null!));
    }
}
