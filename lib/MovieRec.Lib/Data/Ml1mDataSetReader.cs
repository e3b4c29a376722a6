namespace MovieRec.Data;

/// <summary>
/// Reads ML-1M: ratings.dat ("UserID::MovieID::Rating::Timestamp") through the fast reader and
/// movies.dat ("MovieID::Title::Genres", Latin-1). users.dat is not part of <see cref="MovieLensDataset"/>.
/// </summary>
internal static class Ml1mDataSetReader
{
    public static DataSetContents Read(string directory, MovieLensLoadOptions options)
    {
        var ratingsPath = Path.Combine(directory, "ratings.dat");
        var moviesPath = Path.Combine(directory, "movies.dat");
        var ratings = RatingsFileReader.Read(ratingsPath, RatingsFileLayout.Ml1m, options);
        var movies = ReadMovies(moviesPath);
        return new DataSetContents(ratings, ratingsPath, RatingsFileLayout.Ml1m, movies, moviesPath, [], null, [], []);
    }

    /// <summary>
    /// movies.dat. The id is before the first "::" and the genres after the last, so a title that
    /// itself contained "::" would still be read whole.
    /// </summary>
    public static List<Movie> ReadMovies(string path)
    {
        var movies = new List<Movie>();
        var firstLineById = new Dictionary<int, long>();
        foreach (var (line, text) in LatinTextLines.Read(path, "lines 'MovieID::Title::Genres'"))
        {
            var first = text.IndexOf("::", StringComparison.Ordinal);
            var last = text.LastIndexOf("::", StringComparison.Ordinal);
            if (first < 0 || last == first)
            {
                throw new MovieLensFormatException(path, line, null,
                    $"expected 3 fields (MovieID::Title::Genres) but found {(first < 0 ? 1 : 2)}: '{text}'");
            }

            var id = FieldParsing.ParseId(text[..first], path, line, "MovieID");
            var title = text[(first + 2)..last].Trim();
            var genres = MovieTitles.ParseGenres(text[(last + 2)..]);
            FieldParsing.AddMovie(firstLineById, movies, new Movie(id, title, MovieTitles.ParseYear(title), genres), path, line, "MovieID");
        }

        return movies;
    }
}
