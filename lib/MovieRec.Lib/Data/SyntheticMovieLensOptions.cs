namespace MovieRec.Data;

/// <summary>
/// Size and realism settings for <see cref="SyntheticMovieLens"/>. The defaults are the
/// ml-latest-small shape (<see cref="Small"/>); <see cref="Ml25mShape"/> is the ML-25M shape.
/// Every random choice derives from <see cref="Seed"/>, so the same options give byte-identical files.
/// </summary>
public sealed record SyntheticMovieLensOptions
{
    /// <summary>About the shape of ml-latest-small: 610 users, 9,742 movies, 100,836 ratings, 3,683 tags.</summary>
    public static SyntheticMovieLensOptions Small { get; } = new();

    /// <summary>
    /// About the shape of ML-25M: 162,541 users, 62,423 movies in movies.csv (about 59,000 of them rated),
    /// 25,000,095 ratings and 1,093,360 tags. Movie ids are denser than in <see cref="Small"/>, as in ML-25M
    /// (largest id about 209,000).
    /// </summary>
    public static SyntheticMovieLensOptions Ml25mShape { get; } = new()
    {
        UserCount = 162_541,
        MovieCount = 62_423,
        RatingCount = 25_000_095,
        TagCount = 1_093_360,
        UnratedMovieFraction = 0.054,
        AverageMovieIdGap = 3.35,
    };

    /// <summary>Number of users, with ids 1..UserCount. Default 610.</summary>
    public int UserCount { get; init; } = 610;

    /// <summary>Number of movies written to movies.csv and links.csv. Default 9,742.</summary>
    public int MovieCount { get; init; } = 9_742;

    /// <summary>
    /// Requested number of ratings. The generator scales per-user activity to meet it; the written
    /// count is within a fraction of a percent unless per-user caps bind. Default 100,836.
    /// </summary>
    public int RatingCount { get; init; } = 100_836;

    /// <summary>Requested number of tags (tags.csv), written by about 9% of users. Zero writes only the header. Default 3,683.</summary>
    public int TagCount { get; init; } = 3_683;

    /// <summary>Seed of every random choice. Default 42.</summary>
    public int Seed { get; init; } = 42;

    /// <summary>Every user rates at least this many movies, as in MovieLens. Default 20.</summary>
    public int MinimumRatingsPerUser { get; init; } = 20;

    /// <summary>Dimension of the hidden user and movie factor vectors that drive who rates what and how. Default 8.</summary>
    public int LatentDimension { get; init; } = 8;

    /// <summary>
    /// Exponent s of the Zipf-like movie popularity weight 1/(rank + 10)^s. Larger means a heavier head.
    /// Default 1.1, which gives the top 10% of movies about 59% of ratings at the ml-latest-small shape (real: 60%).
    /// </summary>
    public double PopularityExponent { get; init; } = 1.1;

    /// <summary>
    /// Share of movies (the most recently added ones, as in MovieLens) listed in movies.csv but never rated.
    /// Default 0.002 (ml-latest-small); ML-25M has about 0.054.
    /// </summary>
    public double UnratedMovieFraction { get; init; } = 0.002;

    /// <summary>Mean gap between consecutive movie ids (ids are sparse like MovieLens). Default 19.9 (ml-latest-small).</summary>
    public double AverageMovieIdGap { get; init; } = 19.9;

    /// <summary>Optional progress callback, reported from 0 to 1 as users are written.</summary>
    public IProgress<double>? Progress { get; init; }

    /// <summary>Throws <see cref="ArgumentException"/> naming the first invalid setting.</summary>
    public void Validate()
    {
        Require(UserCount >= 1, nameof(UserCount), "must be at least 1");
        Require(MinimumRatingsPerUser >= 1, nameof(MinimumRatingsPerUser), "must be at least 1");
        Require(LatentDimension is >= 1 and <= 256, nameof(LatentDimension), "must be between 1 and 256");
        Require(UnratedMovieFraction is >= 0 and < 0.5, nameof(UnratedMovieFraction), "must be in [0, 0.5)");
        Require(AverageMovieIdGap is >= 1 and <= 1000, nameof(AverageMovieIdGap), "must be between 1 and 1000");
        Require(PopularityExponent is >= 0 and <= 3, nameof(PopularityExponent), "must be between 0 and 3");
        Require(TagCount >= 0, nameof(TagCount), "must not be negative");
        var ratedMovies = RatedMovieCount;
        // Users may not rate more than 60% of the catalog (the heaviest ML-25M user rated 54%), and they need
        // room to draw their minimum from movies released before their last visit.
        Require(MovieCount >= 1 && ratedMovies * 0.3 >= MinimumRatingsPerUser, nameof(MovieCount),
            $"must leave at least {Math.Ceiling(MinimumRatingsPerUser / 0.3)} rated movies for {MinimumRatingsPerUser} ratings per user (got {MovieCount})");
        Require((long)UserCount * MinimumRatingsPerUser <= RatingCount, nameof(RatingCount),
            $"must be at least UserCount × MinimumRatingsPerUser = {(long)UserCount * MinimumRatingsPerUser} (got {RatingCount})");
        Require(RatingCount <= (long)UserCount * (long)(ratedMovies * 0.5), nameof(RatingCount),
            $"must be at most half of every user rating every rated movie ({(long)UserCount * (long)(ratedMovies * 0.5)}); add movies or users");
    }

    /// <summary>Movies that can receive ratings: all but the <see cref="UnratedMovieFraction"/> share.</summary>
    internal int RatedMovieCount => MovieCount - (int)Math.Floor(MovieCount * UnratedMovieFraction);

    private static void Require(bool condition, string name, string problem)
    {
        if (!condition)
        {
            throw new ArgumentException($"{name} {problem}.", name);
        }
    }
}
