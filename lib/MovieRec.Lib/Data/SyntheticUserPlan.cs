namespace MovieRec.Data;

/// <summary>
/// The first pass over users: how many ratings and tags each one writes, when they are active, whether
/// they use half stars, their hidden taste (factor vector and bias), and which movies they rate for sure so
/// that every rated movie has a rating. Activity is log-normal above the minimum (heavy-tailed like MovieLens,
/// where the median user has about 70 ratings and the heaviest tens of thousands) and is then scaled so
/// the total meets the requested count. Small: a few arrays of UserCount entries.
/// </summary>
internal sealed class SyntheticUserPlan
{
    /// <summary>1996-01-01 00:00:00 UTC, the earliest rating time.</summary>
    public const long FirstTimestamp = 820_454_400;

    /// <summary>2019-11-21 00:00:00 UTC, the latest rating time (ML-25M ends then).</summary>
    public const long LastTimestamp = 1_574_294_400;

    // Heaviest user may rate this share of the movies available to them (ML-25M: 32,202 of 59,047).
    private const double MaximumCatalogShare = 0.6;

    public SyntheticUserPlan(SyntheticMovieLensOptions options, SyntheticMovieCatalog catalog)
    {
        var userCount = options.UserCount;
        RatingCounts = new int[userCount];
        TagCounts = new int[userCount];
        Starts = new long[userCount];
        Ends = new long[userCount];
        UsesHalfStars = new bool[userCount];
        Dimension = catalog.Dimension;
        Factors = new float[userCount * Dimension];
        Biases = new float[userCount];
        var activity = new double[userCount];
        var tagActivity = new double[userCount];
        var capacity = new int[userCount];

        Parallel.For(0, userCount, user =>
        {
            var random = new Random(SyntheticSeeds.Derive(options.Seed, user + 1, SyntheticSeeds.PlanStream));
            activity[user] = Math.Exp(1.4 * SyntheticSeeds.Gaussian(random));
            var start = FirstTimestamp + (long)(random.NextDouble() * (LastTimestamp - FirstTimestamp - 86_400));
            // Most users rate within days; heavy users stay for years (median about two days).
            var days = 2.0 * Math.Exp(2.2 * SyntheticSeeds.Gaussian(random)) * Math.Sqrt(activity[user]);
            var end = Math.Min(LastTimestamp, start + 600 + (long)Math.Min(days * 86_400, 1e10));
            UsesHalfStars[user] = random.NextDouble() < 0.9;
            tagActivity[user] = random.NextDouble() < 0.09 ? Math.Exp(1.8 * SyntheticSeeds.Gaussian(random)) : 0;
            capacity[user] = (int)(MaximumCatalogShare * catalog.RatedReleasedByYear[YearIndex(end)]);
            if (capacity[user] < options.MinimumRatingsPerUser)
            {
                // Too few movies were out yet for the minimum: keep the user on the site until the end.
                end = LastTimestamp;
                capacity[user] = (int)(MaximumCatalogShare * catalog.RatedReleasedByYear[YearIndex(end)]);
            }

            Starts[user] = start;
            Ends[user] = end;

            // Taste has its own stream so changing activity rules does not reshuffle tastes.
            var taste = new Random(SyntheticSeeds.Derive(options.Seed, user + 1, SyntheticSeeds.TasteStream));
            Biases[user] = (float)(0.45 * SyntheticSeeds.Gaussian(taste));
            for (var k = 0; k < Dimension; k++)
            {
                Factors[user * Dimension + k] = (float)(SyntheticMovieCatalog.FactorScale * SyntheticSeeds.Gaussian(taste));
            }
        });

        ScaleToTotal(activity, options.MinimumRatingsPerUser, capacity, options.RatingCount, RatingCounts);
        if (options.TagCount > 0)
        {
            if (tagActivity.All(a => a == 0))
            {
                tagActivity[0] = 1; // tiny data sets: someone has to write the requested tags
            }

            var tagCapacity = new int[userCount];
            for (var user = 0; user < userCount; user++)
            {
                tagCapacity[user] = tagActivity[user] > 0 ? 3 * RatingCounts[user] : 0;
            }

            ScaleToTotal(tagActivity, 0, tagCapacity, options.TagCount, TagCounts);
        }

        (GuaranteeOffsets, GuaranteedMovies) = AssignGuaranteedRaters(options, catalog);
        for (var user = 0; user < userCount; user++)
        {
            RatingCounts[user] = Math.Max(RatingCounts[user], GuaranteeOffsets[user + 1] - GuaranteeOffsets[user]);
        }
    }

    /// <summary>Ratings per user (index = user id − 1).</summary>
    public int[] RatingCounts { get; }

    /// <summary>Tags per user; zero for the ~91% who never tag.</summary>
    public int[] TagCounts { get; }

    /// <summary>First moment the user may rate (seconds, UTC).</summary>
    public long[] Starts { get; }

    /// <summary>Last moment the user may rate.</summary>
    public long[] Ends { get; }

    /// <summary>Whether the user picks half stars once the site offers them.</summary>
    public bool[] UsesHalfStars { get; }

    /// <summary>Latent dimension (length of each user's factor vector).</summary>
    public int Dimension { get; }

    /// <summary>User factor vectors, UserCount × Dimension, row-major (the user's genre taste lives here).</summary>
    public float[] Factors { get; }

    /// <summary>User rating bias in stars (generous or strict raters).</summary>
    public float[] Biases { get; }

    /// <summary>The factor vector of a user (index = user id − 1).</summary>
    public ReadOnlySpan<float> FactorsOf(int user) => Factors.AsSpan(user * Dimension, Dimension);

    /// <summary>Start of each user's run in <see cref="GuaranteedMovies"/> (UserCount + 1 entries).</summary>
    public int[] GuaranteeOffsets { get; }

    /// <summary>
    /// Movie indices each user rates for sure, grouped by user: every rated movie has one such rater, so no
    /// movie meant to be rated ends up without ratings (MovieLens lists a movie once someone rated it).
    /// </summary>
    public int[] GuaranteedMovies { get; }

    /// <summary>Index into the catalog's per-year tables of the year a timestamp falls in.</summary>
    public static int YearIndex(long timestamp) =>
        DateTimeOffset.FromUnixTimeSeconds(timestamp).Year - SyntheticMovieCatalog.FirstYear;

    // Each rated movie gets one rater, drawn in proportion to activity (heavy users are the ones who find
    // obscure films) among users still active after the movie's release year began, and kept with the
    // same exposure chance as any other choice, so these ratings follow the hidden tastes too.
    private (int[] Offsets, int[] Movies) AssignGuaranteedRaters(SyntheticMovieLensOptions options, SyntheticMovieCatalog catalog)
    {
        var userCount = RatingCounts.Length;
        var byEnd = Enumerable.Range(0, userCount).ToArray();
        var ends = (long[])Ends.Clone();
        Array.Sort(ends, byEnd);
        var cumulative = new double[userCount];
        var sum = 0.0;
        for (var i = 0; i < userCount; i++)
        {
            sum += RatingCounts[byEnd[i]];
            cumulative[i] = sum;
        }

        var random = new Random(SyntheticSeeds.Derive(options.Seed, 0, SyntheticSeeds.GuaranteeStream));
        var rater = new int[catalog.RatedCount];
        var perUser = new int[userCount + 1];
        for (var movie = 0; movie < catalog.RatedCount; movie++)
        {
            var releaseStart = new DateTimeOffset(catalog.ReleaseYears[movie], 1, 1, 0, 0, 0, TimeSpan.Zero).ToUnixTimeSeconds();
            var first = Array.BinarySearch(ends, releaseStart);
            first = first < 0 ? ~first : first;
            first = Math.Min(first, userCount - 1); // nobody active that late: the latest user (extended below)
            var below = first == 0 ? 0 : cumulative[first - 1];
            for (var attempt = 0; attempt < 8; attempt++)
            {
                var target = below + random.NextDouble() * (sum - below);
                var index = Array.BinarySearch(cumulative, first, userCount - first, target);
                rater[movie] = byEnd[Math.Min(index < 0 ? ~index : index, userCount - 1)];
                if (random.NextDouble() < catalog.Exposure(movie, catalog.Affinity(FactorsOf(rater[movie]), movie)))
                {
                    break; // kept like any other exposure; after 8 refusals the last candidate rates it anyway
                }
            }

            if (Ends[rater[movie]] < releaseStart)
            {
                // Nobody was active after this release (tiny data sets only): keep the rater a while longer.
                Ends[rater[movie]] = Math.Min(LastTimestamp, releaseStart + 30 * 86_400);
            }

            perUser[rater[movie] + 1]++;
        }

        for (var user = 0; user < userCount; user++)
        {
            perUser[user + 1] += perUser[user];
        }

        var movies = new int[catalog.RatedCount];
        var next = (int[])perUser.Clone();
        for (var movie = 0; movie < catalog.RatedCount; movie++)
        {
            movies[next[rater[movie]]++] = movie;
        }

        return (perUser, movies);
    }

    // counts[u] = minimum + round(activity[u] × scale), capped; the scale is refined until the total is
    // within 0.05% of the target (caps bind only for a few heavy users, so this converges in a few steps).
    private static void ScaleToTotal(double[] activity, int minimum, int[] capacity, long target, int[] counts)
    {
        var userCount = activity.Length;
        var floor = (long)userCount * minimum;
        var activitySum = activity.Sum();
        if (activitySum <= 0)
        {
            Array.Fill(counts, minimum);
            return;
        }

        var scale = (target - floor) / activitySum;
        for (var iteration = 0; iteration < 40; iteration++)
        {
            long total = 0;
            for (var u = 0; u < userCount; u++)
            {
                var wanted = minimum + Math.Round(activity[u] * scale);
                counts[u] = (int)Math.Max(Math.Min(wanted, capacity[u]), Math.Min(minimum, capacity[u]));
                total += counts[u];
            }

            if (Math.Abs(total - target) <= target * 0.0005 || total <= floor)
            {
                return;
            }

            scale *= (double)(target - floor) / (total - floor);
        }
    }
}
