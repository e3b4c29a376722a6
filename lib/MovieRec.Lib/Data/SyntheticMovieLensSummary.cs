namespace MovieRec.Data;

/// <summary>What <see cref="SyntheticMovieLens.Generate(string, SyntheticMovieLensOptions)"/> wrote.</summary>
/// <param name="Directory">Full path of the folder holding ratings.csv, movies.csv, tags.csv and links.csv.</param>
/// <param name="UserCount">Users with ratings (every user has at least the minimum).</param>
/// <param name="MovieCount">Movies in movies.csv and links.csv.</param>
/// <param name="RatedMovieCount">Movies with at least one rating.</param>
/// <param name="RatingCount">Rows of ratings.csv (header excluded).</param>
/// <param name="TagCount">Rows of tags.csv (header excluded).</param>
/// <param name="MeanRating">Mean star rating written.</param>
/// <param name="TopTenPercentMovieShare">Share of ratings held by the 10% most-rated rated movies.</param>
/// <param name="RatingsFileBytes">Size of ratings.csv.</param>
/// <param name="Elapsed">Wall time of the whole generation.</param>
public sealed record SyntheticMovieLensSummary(
    string Directory,
    int UserCount,
    int MovieCount,
    int RatedMovieCount,
    long RatingCount,
    long TagCount,
    double MeanRating,
    double TopTenPercentMovieShare,
    long RatingsFileBytes,
    TimeSpan Elapsed)
{
    public override string ToString() =>
        $"{UserCount:N0} users, {MovieCount:N0} movies ({RatedMovieCount:N0} rated), {RatingCount:N0} ratings " +
        $"(mean {MeanRating:F3}, top 10% of movies hold {TopTenPercentMovieShare:P1}), {TagCount:N0} tags; " +
        $"ratings.csv {RatingsFileBytes / 1e6:N1} MB; {Elapsed.TotalSeconds:F1} s";
}
