using MovieRec.Data;
using MovieRec.Exploration;

namespace MovieRec.Tests.Exploration;

public class GenreStatisticsTests
{
    [Fact]
    public void EachMovieCountsOncePerGenreWithItsRatings()
    {
        var statistics = GenreStatistics.Of(TinyData.Ratings, TinyData.Movies);

        Assert.Equal(["Drama", "Comedy", GenreStatistics.NoGenre, "Horror"], statistics.Genres.Select(g => g.Genre));
        var drama = statistics.Genres[0];
        Assert.Equal(2, drama.Movies);                 // 10 and 20 (20 lists Drama twice)
        Assert.Equal(6, drama.Ratings);                // 4 of movie 10 + 2 of movie 20
        Assert.Equal(21.5 / 6, drama.MeanRating, 12);  // (4 + 5 + 3 + 4) + (3.5 + 2)
        Assert.Equal(0.5, drama.ShareOfMovies);        // 2 of 4 listed movies
        Assert.Equal(6.0 / 7, drama.ShareOfRatings, 12); // 7 ratings of listed movies
        Assert.Equal(new GenreStatistic("Comedy", 1, 4, 4.0, 0.25, 4.0 / 7), statistics.Genres[1]);
        Assert.Equal(new GenreStatistic(GenreStatistics.NoGenre, 1, 1, 5.0, 0.25, 1.0 / 7), statistics.Genres[2]);
        var horror = statistics.Genres[3];
        Assert.Equal((1, 0), (horror.Movies, horror.Ratings));
        Assert.True(double.IsNaN(horror.MeanRating));
        Assert.Equal(1, statistics.RatingsOfUnlistedMovies); // movie 40's rating is counted, not dropped
        Assert.Equal("Drama", statistics.MostCommonGenre);
    }

    [Fact]
    public void ByMeanRatingSkipsGenresBelowTheMinimum()
    {
        var statistics = GenreStatistics.Of(TinyData.Ratings, TinyData.Movies);

        Assert.Equal([GenreStatistics.NoGenre, "Comedy", "Drama"], statistics.ByMeanRating().Select(g => g.Genre));
        Assert.Equal(["Comedy", "Drama"], statistics.ByMeanRating(minimumRatings: 2).Select(g => g.Genre));
        Assert.Throws<ArgumentException>("minimumRatings", () => statistics.ByMeanRating(0));
    }

    [Fact]
    public void DuplicateMovieIdsAreRejected()
    {
        IReadOnlyList<Movie> movies = [new(1, "A", null, ["Drama"]), new(1, "B", null, ["Comedy"])];

        var error = Assert.Throws<ArgumentException>("movies", () => GenreStatistics.Of(TinyData.Ratings, movies));
        Assert.Contains("listed twice", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void NoMoviesGiveNoGenres()
    {
        var statistics = GenreStatistics.Of(TinyData.Ratings, []);

        Assert.Empty(statistics.Genres);
        Assert.Null(statistics.MostCommonGenre);
        Assert.Equal(8, statistics.RatingsOfUnlistedMovies);
    }
}
