namespace MovieRec.Data;

/// <summary>
/// Reads a MovieLens data set from a folder, detecting its format from the files present:
/// ratings.csv → <see cref="MovieLensFormat.Csv"/> (ml-latest-small, ml-20m, ml-25m, ml-32m),
/// ratings.dat → <see cref="MovieLensFormat.Ml1m"/>, u.data → <see cref="MovieLensFormat.Ml100k"/>.
/// Malformed files throw <see cref="MovieLensFormatException"/> naming file, line and field;
/// non-fatal findings land in <see cref="MovieLensDataset.Quality"/> and no row is ever dropped.
/// </summary>
public static class MovieLensLoader
{
    private const string ExpectedFiles =
        "expected ratings.csv + movies.csv (ml-latest-small, ml-20m, ml-25m, ml-32m), " +
        "ratings.dat + movies.dat (ml-1m) or u.data + u.item (ml-100k)";

    /// <summary>Loads every file of the data set in <paramref name="directory"/>.</summary>
    /// <param name="directory">The folder holding the files, e.g. ".../ml-latest-small".</param>
    /// <param name="options">What to load and how strictly; null means the defaults.</param>
    public static MovieLensDataset Load(string directory, MovieLensLoadOptions? options = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(directory);
        options = Validate(options);
        var fullPath = Path.TrimEndingDirectorySeparator(Path.GetFullPath(directory));
        var format = DetectFormat(fullPath);
        var contents = format switch
        {
            MovieLensFormat.Csv => CsvDataSetReader.Read(fullPath, options),
            MovieLensFormat.Ml1m => Ml1mDataSetReader.Read(fullPath, options),
            _ => Ml100kDataSetReader.Read(fullPath, options),
        };

        var quality = DataQualityChecker.Check(contents, options);
        var name = Path.GetFileName(fullPath);
        return new MovieLensDataset(
            name, fullPath, format, contents.Ratings, contents.Movies, contents.Tags, contents.Links, quality);
    }

    /// <summary>
    /// Reads only a ratings.csv file: the fast path (parallel, no per-row allocation) that the load
    /// benchmark measures. Validates every row like <see cref="Load"/> but makes no data-quality checks.
    /// </summary>
    /// <param name="ratingsCsvPath">Path of a ratings.csv with the header "userId,movieId,rating,timestamp".</param>
    /// <param name="options">Timestamp bounds; null means the defaults.</param>
    public static RatingsTable LoadRatings(string ratingsCsvPath, MovieLensLoadOptions? options = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(ratingsCsvPath);
        return RatingsFileReader.Read(Path.GetFullPath(ratingsCsvPath), RatingsFileLayout.Csv, Validate(options));
    }

    /// <summary>Which format the folder holds, from the ratings file present.</summary>
    /// <exception cref="MovieLensFormatException">The folder is missing or holds no known ratings file.</exception>
    public static MovieLensFormat DetectFormat(string directory)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(directory);
        if (!Directory.Exists(directory))
        {
            throw new MovieLensFormatException(directory, null, null, "folder not found; " + ExpectedFiles);
        }

        if (File.Exists(Path.Combine(directory, "ratings.csv")))
        {
            return MovieLensFormat.Csv;
        }

        if (File.Exists(Path.Combine(directory, "ratings.dat")))
        {
            return MovieLensFormat.Ml1m;
        }

        if (File.Exists(Path.Combine(directory, "u.data")))
        {
            return MovieLensFormat.Ml100k;
        }

        throw new MovieLensFormatException(directory, null, null, "no MovieLens ratings file in this folder; " + ExpectedFiles);
    }

    private static MovieLensLoadOptions Validate(MovieLensLoadOptions? options)
    {
        options ??= new MovieLensLoadOptions();
        if (options.MinimumTimestamp > options.MaximumTimestamp)
        {
            throw new ArgumentException(
                $"MinimumTimestamp ({options.MinimumTimestamp}) is after MaximumTimestamp ({options.MaximumTimestamp}).",
                nameof(options));
        }

        return options;
    }
}
