using MovieRec.Data;
using MovieRec.Exploration;

namespace MovieRec.Tests.Exploration;

public class TopMoviesTests
{
    [Fact]
    public void MostRatedJoinsTitlesAndBreaksTiesByMean()
    {
        var top = TopMovies.MostRated(TinyData.Ratings, TinyData.Movies, count: 10);

        Assert.Equal([10, 20, 30, 40], top.Select(m => m.MovieId)); // 30 (mean 5) before 40 (mean 4.5), both rated once
        Assert.Equal(new MovieStatistic(10, "Alpha (1999)", 4, 4.0, "Drama|Comedy"), top[0]);
        Assert.Equal(new MovieStatistic(20, "Beta (2000)", 2, 2.75, "Drama|Drama"), top[1]);
        Assert.Equal(new MovieStatistic(40, "(movie 40, not in the movie list)", 1, 4.5, ""), top[3]);
    }

    [Fact]
    public void MostRatedTakesOnlyTheCountAsked()
    {
        Assert.Equal([10, 20], TopMovies.MostRated(TinyData.Ratings, TinyData.Movies, count: 2).Select(m => m.MovieId));
    }

    [Fact]
    public void BestRatedNeedsTheMinimumNumberOfRatings()
    {
        var withMinimum = TopMovies.BestRated(TinyData.Ratings, TinyData.Movies, count: 10, minimumRatings: 2);
        var withoutMinimum = TopMovies.BestRated(TinyData.Ratings, TinyData.Movies, count: 3, minimumRatings: 1);

        Assert.Equal([10, 20], withMinimum.Select(m => m.MovieId));
        Assert.Equal([30, 40, 10], withoutMinimum.Select(m => m.MovieId)); // single 5.0 and 4.5 ratings win without a minimum
        Assert.Equal(5.0, withoutMinimum[0].MeanRating);
    }

    [Fact]
    public void NonPositiveArgumentsAreRejected()
    {
        Assert.Throws<ArgumentException>("count", () => TopMovies.MostRated(TinyData.Ratings, TinyData.Movies, count: 0));
        Assert.Throws<ArgumentException>("minimumRatings", () => TopMovies.BestRated(TinyData.Ratings, TinyData.Movies, minimumRatings: 0));
    }
}
