namespace MovieRec.Data;

/// <summary>
/// Reads the CSV layout (ml-latest-small, ml-20m, ml-25m, ml-32m): ratings.csv through the fast
/// parallel reader, movies.csv, and tags.csv / links.csv when present and enabled.
/// </summary>
internal static class CsvDataSetReader
{
    private static readonly string[] MovieColumns = ["movieId", "title", "genres"];
    private static readonly string[] TagColumns = ["userId", "movieId", "tag", "timestamp"];
    private static readonly string[] LinkColumns = ["movieId", "imdbId", "tmdbId"];

    public static DataSetContents Read(string directory, MovieLensLoadOptions options)
    {
        var ratingsPath = Path.Combine(directory, "ratings.csv");
        var moviesPath = Path.Combine(directory, "movies.csv");
        var tagsPath = Path.Combine(directory, "tags.csv");
        var linksPath = Path.Combine(directory, "links.csv");

        // The ratings reader keeps both cores busy; the small files are read alongside it on this thread.
        var ratingsTask = Task.Run(() => RatingsFileReader.Read(ratingsPath, RatingsFileLayout.Csv, options));
        List<Movie> movies;
        List<Tag> tags = [];
        List<long> tagLines = [];
        List<Link> links = [];
        var readTags = options.LoadTags && File.Exists(tagsPath);
        try
        {
            movies = ReadMovies(moviesPath);
            if (readTags)
            {
                (tags, tagLines) = ReadTags(tagsPath, options);
            }

            if (options.LoadLinks && File.Exists(linksPath))
            {
                links = ReadLinks(linksPath);
            }
        }
        catch (MovieLensFormatException)
        {
            // Report ratings.csv problems first (it is the file users fix first), and never leave the
            // parallel reader running in the background.
            ratingsTask.GetAwaiter().GetResult();
            throw;
        }

        var ratings = ratingsTask.GetAwaiter().GetResult();
        return new DataSetContents(ratings, ratingsPath, RatingsFileLayout.Csv, movies, moviesPath,
            tags, readTags ? tagsPath : null, tagLines, links);
    }

    /// <summary>movies.csv: movieId,title,genres. A header-only file gives no movies.</summary>
    public static List<Movie> ReadMovies(string path)
    {
        var movies = new List<Movie>();
        var firstLineById = new Dictionary<int, long>();
        foreach (var (line, fields) in Records(path, MovieColumns))
        {
            var id = FieldParsing.ParseId(fields[0], path, line, "movieId");
            var title = fields[1].Trim();
            var movie = new Movie(id, title, MovieTitles.ParseYear(title), MovieTitles.ParseGenres(fields[2]));
            FieldParsing.AddMovie(firstLineById, movies, movie, path, line, "movieId");
        }

        return movies;
    }

    /// <summary>tags.csv: userId,movieId,tag,timestamp, with the line of each tag for the quality report.</summary>
    public static (List<Tag> Tags, List<long> Lines) ReadTags(string path, MovieLensLoadOptions options)
    {
        var tags = new List<Tag>();
        var lines = new List<long>();
        foreach (var (line, fields) in Records(path, TagColumns))
        {
            tags.Add(new Tag(
                FieldParsing.ParseId(fields[0], path, line, "userId"),
                FieldParsing.ParseId(fields[1], path, line, "movieId"),
                fields[2],
                FieldParsing.ParseTimestamp(fields[3], path, line, "timestamp", options)));
            lines.Add(line);
        }

        return (tags, lines);
    }

    /// <summary>links.csv: movieId,imdbId,tmdbId. imdbId keeps its leading zeros; either id may be empty.</summary>
    public static List<Link> ReadLinks(string path)
    {
        var links = new List<Link>();
        foreach (var (line, fields) in Records(path, LinkColumns))
        {
            var movieId = FieldParsing.ParseId(fields[0], path, line, "movieId");
            var imdbId = fields[1].Trim();
            var tmdbId = fields[2].Trim();
            links.Add(new Link(
                movieId,
                imdbId.Length == 0 ? null : imdbId,
                tmdbId.Length == 0 ? null : FieldParsing.ParseId(tmdbId, path, line, "tmdbId")));
        }

        return links;
    }

    /// <summary>Checks the header and yields each data record with its line number and a field-count check.</summary>
    private static IEnumerable<(long Line, List<string> Fields)> Records(string path, string[] columns)
    {
        if (!File.Exists(path))
        {
            throw new MovieLensFormatException(path, null, null, $"file not found (expected columns {string.Join(",", columns)})");
        }

        if (new FileInfo(path).Length == 0)
        {
            throw new MovieLensFormatException(path, null, null, $"the file is empty (zero bytes); expected the header '{string.Join(",", columns)}'");
        }

        using var reader = new CsvRecordReader(path);
        var fields = new List<string>();
        if (!reader.TryReadRecord(fields))
        {
            throw new MovieLensFormatException(path, null, null, $"the file has only blank lines; expected the header '{string.Join(",", columns)}'");
        }

        FieldParsing.CheckHeader(path, fields, columns);
        while (reader.TryReadRecord(fields))
        {
            FieldParsing.CheckFieldCount(path, reader.LineNumber, fields, columns, ",");
            yield return (reader.LineNumber, fields);
        }
    }
}
