using MovieRec.Analysis;
using MovieRec.Data;
using MovieRec.Models;

namespace MovieRec.Tests.Analysis;

public class EmbeddingMapsTests
{
    private static readonly Movie[] Movies =
    [
        new(10, "Alpha (1999)", 1999, ["Drama"]),
        new(20, "Beta (2000)", 2000, ["Comedy", "Drama"]),
        new(30, "Gamma (2001)", 2001, ["Comedy"]),
    ];

    // Movie 10 rated 3 times, 20 twice, 30 once, 40 (not in the movie list) twice.
    private static readonly TrainingData Train = new(new RatingsTable(
        [1, 2, 3, 1, 2, 1, 1, 3], [10, 10, 10, 20, 20, 30, 40, 40], [4, 4, 4, 4, 4, 4, 4, 4], [1, 2, 3, 4, 5, 6, 7, 8]), Movies);

    [Fact]
    public void TheMostRatedMoviesAreProjectedAndLabelled()
    {
        // Catalogue order 10, 20, 30, 40; vectors in 2-D: 10 = (1, 1), 20 = (-1, -1), 30 = (5, 5), 40 = (0, 0).
        float[] vectors = [1, 1, -1, -1, 5, 5, 0, 0];

        var map = EmbeddingMaps.MostRated(vectors, dimension: 2, Train, Movies, count: 3);

        Assert.Equal([10, 20, 40], map.Points.Select(p => p.MovieId)); // 30 has the fewest ratings; 20 before 40 by id
        Assert.Equal([3, 2, 2], map.Points.Select(p => p.Ratings));
        Assert.Equal("(movie 40, not in the movie list)", map.Points[2].Title);
        Assert.Equal(["Drama", "Comedy", MainGenres.NoGenre], map.Points.Select(p => p.MainGenre)); // 20: Comedy and Drama tie (2 each), alphabetical
        // The points lie on the diagonal: x = projection on (1, 1)/√2 of (v − mean), mean = 0; y = 0.
        Assert.Equal(Math.Sqrt(2), map.Points[0].X, 10);
        Assert.Equal(-Math.Sqrt(2), map.Points[1].X, 10);
        Assert.Equal(0, map.Points[2].X, 10);
        Assert.All(map.Points, p => Assert.Equal(0, p.Y, 10));
        Assert.Equal(1.0, map.ExplainedVarianceRatio, 10);
        Assert.Equal(3, map.Genres().Count);
    }

    [Fact]
    public void VectorsThatDoNotFitTheCatalogueAreRejected()
    {
        Assert.Throws<ArgumentException>("itemVectors", () => EmbeddingMaps.MostRated([1, 2, 3], 2, Train, Movies));
        Assert.Throws<ArgumentException>("count", () => EmbeddingMaps.MostRated(new float[8], 2, Train, Movies, count: 1));
        Assert.Throws<ArgumentException>("dimension", () => EmbeddingMaps.MostRated(new float[8], 0, Train, Movies));
    }
}
