namespace MovieRec.Data;

/// <summary>
/// The non-fatal checks of a loaded data set: the same (user, movie) pair rated twice, ratings and
/// tags of movies missing from the movie list. Rows are never removed; findings are counted with a
/// few examples naming file and line, or thrown as the first finding under
/// <see cref="MovieLensLoadOptions.TreatWarningsAsErrors"/>.
/// </summary>
internal static class DataQualityChecker
{
    /// <summary>Examples kept per kind of finding.</summary>
    public const int ExamplesPerKind = 5;

    public static DataQualityReport Check(DataSetContents contents, MovieLensLoadOptions options)
    {
        var examples = new List<string>();
        var ratingsFile = Path.GetFileName(contents.RatingsPath);
        var moviesFile = Path.GetFileName(contents.MoviesPath);
        var ratings = contents.Ratings;
        var movieField = contents.RatingsLayout.FieldNames[1];
        long RatingLine(int row) => contents.RatingsLayout.FirstDataLine + row;

        // Duplicate pairs: each repeat of a pair counts once (a pair rated three times counts two).
        var duplicates = 0L;
        foreach (var (row, firstRow) in DuplicateFinder.Find(ratings.UserIds, ratings.MovieIds))
        {
            var problem = $"user {ratings.UserIds[row]} rated movie {ratings.MovieIds[row]} again " +
                          $"(first rating on line {RatingLine(firstRow)})";
            if (options.TreatWarningsAsErrors)
            {
                throw new MovieLensFormatException(contents.RatingsPath, RatingLine(row), null, problem);
            }

            if (duplicates++ < ExamplesPerKind)
            {
                examples.Add($"{ratingsFile} line {RatingLine(row)}: {problem}");
            }
        }

        var isKnown = KnownMovies(contents.Movies);
        var unknownRatings = 0L;
        for (var row = 0; row < ratings.Count; row++)
        {
            var movie = ratings.MovieIds[row];
            if (isKnown(movie))
            {
                continue;
            }

            var problem = $"movie {movie} is not in {moviesFile}";
            if (options.TreatWarningsAsErrors)
            {
                throw new MovieLensFormatException(contents.RatingsPath, RatingLine(row), movieField, problem);
            }

            if (unknownRatings++ < ExamplesPerKind)
            {
                examples.Add($"{ratingsFile} line {RatingLine(row)}: {problem}");
            }
        }

        var unknownTags = 0L;
        var tagsPath = contents.TagsPath ?? string.Empty; // only read when there are tags, which come from that file
        for (var i = 0; i < contents.Tags.Count; i++)
        {
            var movie = contents.Tags[i].MovieId;
            if (isKnown(movie))
            {
                continue;
            }

            var problem = $"tagged movie {movie} is not in {moviesFile}";
            if (options.TreatWarningsAsErrors)
            {
                throw new MovieLensFormatException(tagsPath, contents.TagLineNumbers[i], "movieId", problem);
            }

            if (unknownTags++ < ExamplesPerKind)
            {
                examples.Add($"{Path.GetFileName(tagsPath)} line {contents.TagLineNumbers[i]}: {problem}");
            }
        }

        return duplicates == 0 && unknownRatings == 0 && unknownTags == 0
            ? DataQualityReport.Clean
            : new DataQualityReport(duplicates, unknownRatings, unknownTags, examples);
    }

    /// <summary>A membership test: a flat bitmap when ids are small (MovieLens ids stay below ~300,000), else a hash set.</summary>
    private static Func<int, bool> KnownMovies(IReadOnlyList<Movie> movies)
    {
        var max = movies.Count == 0 ? 0 : movies.Max(m => m.MovieId);
        if (max < 64_000_000)
        {
            var bitmap = new bool[max + 1];
            foreach (var movie in movies)
            {
                bitmap[movie.MovieId] = true;
            }

            return id => (uint)id < (uint)bitmap.Length && bitmap[id];
        }

        var set = movies.Select(m => m.MovieId).ToHashSet();
        return set.Contains;
    }
}
