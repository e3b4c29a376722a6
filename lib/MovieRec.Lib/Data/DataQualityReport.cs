namespace MovieRec.Data;

/// <summary>
/// Non-fatal findings while loading a data set. Nothing is dropped: the rows stay in the tables and
/// are counted here (a (user, movie) pair rated k times counts k − 1 duplicates; <see cref="Examples"/> holds up to
/// five examples of each kind of finding, naming file and line), so the user decides (or sets <see cref="MovieLensLoadOptions.TreatWarningsAsErrors"/>).
/// </summary>
public sealed record DataQualityReport(
    long DuplicateUserMoviePairs,
    long RatingsForUnknownMovies,
    long TagsForUnknownMovies,
    IReadOnlyList<string> Examples)
{
    /// <summary>A report with no findings.</summary>
    public static DataQualityReport Clean { get; } = new(0, 0, 0, []);

    /// <summary>True when nothing was found.</summary>
    public bool IsClean => DuplicateUserMoviePairs == 0 && RatingsForUnknownMovies == 0 && TagsForUnknownMovies == 0;

    public override string ToString() => IsClean
        ? "no data-quality findings"
        : $"{DuplicateUserMoviePairs} duplicate (user, movie) pairs, {RatingsForUnknownMovies} ratings and " +
          $"{TagsForUnknownMovies} tags for movies missing from the movie list";
}
