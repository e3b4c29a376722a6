namespace MovieRec.Data;

/// <summary>
/// What a format reader hands to <see cref="DataQualityChecker"/> and <see cref="MovieLensLoader"/>: the
/// parsed tables plus where each row came from, so findings can name file and line.
/// </summary>
internal sealed record DataSetContents(
    RatingsTable Ratings,
    string RatingsPath,
    RatingsFileLayout RatingsLayout,
    IReadOnlyList<Movie> Movies,
    string MoviesPath,
    IReadOnlyList<Tag> Tags,
    string? TagsPath,
    IReadOnlyList<long> TagLineNumbers,
    IReadOnlyList<Link> Links);
