using MovieRec.Analysis;
using MovieRec.Data;

namespace MovieRec.Tests.Analysis;

public class MainGenresTests
{
    [Fact]
    public void TheLeastCommonGenreWinsAndImaxOnlyWhenAlone()
    {
        Movie[] movies =
        [
            new(1, "A", null, ["Comedy", "Drama"]),      // Comedy 3, Drama 2 → Drama
            new(2, "B", null, ["Comedy", "Sci-Fi"]),     // Sci-Fi 1 → Sci-Fi
            new(3, "C", null, ["Comedy", "IMAX"]),       // IMAX (rarest) is a format, not content → Comedy
            new(4, "D", null, ["IMAX"]),                 // nothing else → IMAX
            new(5, "E", null, []),
            new(6, "F", null, ["Drama", "Horror"]),      // Drama 2, Horror 1 → Horror
        ];

        var main = MainGenres.Of(movies);

        Assert.Equal("Drama", main[1]);
        Assert.Equal("Sci-Fi", main[2]);
        Assert.Equal("Comedy", main[3]);
        Assert.Equal("IMAX", main[4]);
        Assert.Equal(MainGenres.NoGenre, main[5]);
        Assert.Equal("Horror", main[6]);
    }

    [Fact]
    public void EqualFrequenciesAreBrokenAlphabetically()
    {
        var main = MainGenres.Of([new Movie(1, "A", null, ["War", "Crime"])]);

        Assert.Equal("Crime", main[1]);
    }
}
