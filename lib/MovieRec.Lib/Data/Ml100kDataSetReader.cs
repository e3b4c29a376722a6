namespace MovieRec.Data;

/// <summary>
/// Reads ML-100K: u.data (tab separated, no header) through the fast reader and u.item
/// ("|" separated, Latin-1): id | title | release date | video release date | IMDb URL | one 0/1 flag
/// per genre. Genre names come from u.genre when present, else the standard 19.
/// </summary>
internal static class Ml100kDataSetReader
{
    /// <summary>The genres of ML-100K in flag order, used when u.genre is absent.</summary>
    public static IReadOnlyList<string> StandardGenres { get; } =
    [
        "unknown", "Action", "Adventure", "Animation", "Children's", "Comedy", "Crime", "Documentary", "Drama",
        "Fantasy", "Film-Noir", "Horror", "Musical", "Mystery", "Romance", "Sci-Fi", "Thriller", "War", "Western",
    ];

    private const int FieldsBeforeGenres = 5;

    public static DataSetContents Read(string directory, MovieLensLoadOptions options)
    {
        var ratingsPath = Path.Combine(directory, "u.data");
        var moviesPath = Path.Combine(directory, "u.item");
        var genrePath = Path.Combine(directory, "u.genre");
        var ratings = RatingsFileReader.Read(ratingsPath, RatingsFileLayout.Ml100k, options);
        var genres = File.Exists(genrePath) ? ReadGenres(genrePath) : StandardGenres;
        var movies = ReadMovies(moviesPath, genres);
        return new DataSetContents(ratings, ratingsPath, RatingsFileLayout.Ml100k, movies, moviesPath, [], null, [], []);
    }

    /// <summary>u.genre: "name|index" lines; the index says which flag column the name belongs to.</summary>
    public static IReadOnlyList<string> ReadGenres(string path)
    {
        var byIndex = new SortedDictionary<int, string>();
        foreach (var (line, text) in LatinTextLines.Read(path, "lines 'genre|index'"))
        {
            var bar = text.LastIndexOf('|');
            if (bar < 0)
            {
                throw new MovieLensFormatException(path, line, null, $"expected 2 fields (genre|index) but found 1: '{text}'");
            }

            var index = FieldParsing.ParseId(text[(bar + 1)..].Trim(), path, line, "index");
            if (!byIndex.TryAdd(index, text[..bar]))
            {
                throw new MovieLensFormatException(path, line, "index", $"genre index {index} is listed twice");
            }
        }

        if (byIndex.Keys.Select((key, position) => key == position).Any(ok => !ok))
        {
            throw new MovieLensFormatException(path, null, "index", $"genre indices must run 0..{byIndex.Count - 1} without gaps");
        }

        return byIndex.Values.ToArray();
    }

    public static List<Movie> ReadMovies(string path, IReadOnlyList<string> genreNames)
    {
        var movies = new List<Movie>();
        var firstLineById = new Dictionary<int, long>();
        var expectedFields = FieldsBeforeGenres + genreNames.Count;
        foreach (var (line, text) in LatinTextLines.Read(path, $"lines 'movie id|title|release date|video release date|IMDb URL|{genreNames.Count} genre flags'"))
        {
            var fields = text.Split('|');
            if (fields.Length != expectedFields)
            {
                throw new MovieLensFormatException(path, line, null,
                    $"expected {expectedFields} fields separated by '|' (movie id|title|release date|video release date|IMDb URL|" +
                    $"{genreNames.Count} genre flags) but found {fields.Length}");
            }

            var id = FieldParsing.ParseId(fields[0], path, line, "movie id");
            var title = fields[1].Trim();
            var genres = new List<string>();
            for (var g = 0; g < genreNames.Count; g++)
            {
                var flag = fields[FieldsBeforeGenres + g].Trim();
                if (flag == "1")
                {
                    genres.Add(genreNames[g]);
                }
                else if (flag != "0")
                {
                    throw new MovieLensFormatException(path, line, genreNames[g], $"genre flag '{flag}' must be 0 or 1");
                }
            }

            FieldParsing.AddMovie(firstLineById, movies, new Movie(id, title, MovieTitles.ParseYear(title), genres), path, line, "movie id");
        }

        return movies;
    }
}
