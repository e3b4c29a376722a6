namespace MovieRec.Data;

/// <summary>Which on-disk layout a data set uses.</summary>
public enum MovieLensFormat
{
    /// <summary>ratings.csv, movies.csv, tags.csv, links.csv (ml-latest-small, ml-20m, ml-25m, ml-32m).</summary>
    Csv,

    /// <summary>ratings.dat, movies.dat, users.dat with "::" separators, Latin-1 (ml-1m).</summary>
    Ml1m,

    /// <summary>u.data (tab separated) and u.item ("|" separated, Latin-1) (ml-100k).</summary>
    Ml100k,
}

/// <summary>Options for loading a MovieLens data set. Defaults suit the real GroupLens files.</summary>
public sealed record MovieLensLoadOptions
{
    /// <summary>Load tags.csv when present. Default true.</summary>
    public bool LoadTags { get; init; } = true;

    /// <summary>Load links.csv when present. Default true.</summary>
    public bool LoadLinks { get; init; } = true;

    /// <summary>
    /// Turn data-quality findings (duplicate pairs, ratings or tags of unknown movies) into a
    /// <see cref="MovieLensFormatException"/> instead of a report. Default false.
    /// </summary>
    public bool TreatWarningsAsErrors { get; init; }

    /// <summary>Earliest accepted timestamp (seconds, UTC). Default 1995-01-01, before MovieLens began.</summary>
    public long MinimumTimestamp { get; init; } = 788_918_400;

    /// <summary>Latest accepted timestamp (seconds, UTC). Default 2100-01-01.</summary>
    public long MaximumTimestamp { get; init; } = 4_102_444_800;
}

/// <summary>A loaded MovieLens data set: typed ratings, movies, tags and links, plus what loading found.</summary>
public sealed class MovieLensDataset
{
    private Dictionary<int, Movie>? _moviesById;

    public MovieLensDataset(
        string name,
        string directory,
        MovieLensFormat format,
        RatingsTable ratings,
        IReadOnlyList<Movie> movies,
        IReadOnlyList<Tag> tags,
        IReadOnlyList<Link> links,
        DataQualityReport quality)
    {
        Name = name;
        Directory = directory;
        Format = format;
        Ratings = ratings;
        Movies = movies;
        Tags = tags;
        Links = links;
        Quality = quality;
    }

    /// <summary>Folder name, e.g. "ml-latest-small".</summary>
    public string Name { get; }

    /// <summary>Full path of the folder the files were read from.</summary>
    public string Directory { get; }

    public MovieLensFormat Format { get; }

    public RatingsTable Ratings { get; }

    public IReadOnlyList<Movie> Movies { get; }

    /// <summary>Tags; empty when the format has none or they were not loaded.</summary>
    public IReadOnlyList<Tag> Tags { get; }

    /// <summary>Links; empty when the format has none or they were not loaded.</summary>
    public IReadOnlyList<Link> Links { get; }

    /// <summary>Non-fatal findings made while loading.</summary>
    public DataQualityReport Quality { get; }

    /// <summary>Movies by id (built on first use).</summary>
    public IReadOnlyDictionary<int, Movie> MoviesById => _moviesById ??= Movies.ToDictionary(m => m.MovieId);
}
