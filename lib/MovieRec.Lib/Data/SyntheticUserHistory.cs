using System.Buffers;
using System.Text;

namespace MovieRec.Data;

/// <summary>
/// Generates one user's ratings and tags and appends them as UTF-8 CSV rows. One instance per worker
/// thread: it owns reusable scratch arrays, so a 25M-rating run allocates little beyond its output.
/// <para>
/// The hidden model: user factors p and bias b_u, movie factors q and bias b_i. Which movies a user rates
/// is Zipf popularity × an exposure chance sigmoid(3 (b_i + &lt;p, q&gt;)) (people mostly watch what they
/// expect to like, which is what lets ranking models beat popularity), restricted to movies released by the
/// user's last visit. The rating is mu + b_u + b_i + &lt;p, q&gt; + left-skewed noise, rounded to half stars
/// (whole stars before half stars existed on MovieLens, and for users who never use them).
/// </para>
/// </summary>
internal sealed class SyntheticUserHistory
{
    // Global mean before selection; chosen so the written mean is about 3.5 like MovieLens.
    private const double GlobalMean = 3.26;

    // MovieLens offered half stars from 2003-02-18.
    private const long HalfStarsFrom = 1_045_526_400;

    private static readonly long[] YearStarts = BuildYearStarts();

    private readonly SyntheticMovieCatalog _catalog;
    private readonly SyntheticUserPlan _plan;
    private readonly int _seed;
    private readonly int[] _seenBy;
    private int[] _movies = new int[256];
    private float[] _affinities = new float[256];
    private long[] _times = new long[256];
    private int[] _order = new int[256];
    private double[] _keys = [];
    private int[] _keyMovies = [];
    private readonly List<(long Time, int Movie, int Tag)> _tags = [];
    private readonly HashSet<long> _tagKeys = [];

    public SyntheticUserHistory(SyntheticMovieCatalog catalog, SyntheticUserPlan plan, int seed)
    {
        _catalog = catalog;
        _plan = plan;
        _seed = seed;
        _seenBy = new int[catalog.Count];
        MovieRatingCounts = new long[catalog.Count];
    }

    /// <summary>Ratings written per movie index by this worker (merged by the caller).</summary>
    public long[] MovieRatingCounts { get; }

    /// <summary>Sum of ratings in half stars written by this worker.</summary>
    public long HalfStarSum { get; private set; }

    /// <summary>Tags written by this worker.</summary>
    public long TagCount { get; private set; }

    /// <summary>Generates user <paramref name="userId"/> and appends its rows to the two outputs.</summary>
    public void Write(int userId, ArrayBufferWriter<byte> ratings, ArrayBufferWriter<byte> tags)
    {
        var user = userId - 1;
        var random = new Random(SyntheticSeeds.Derive(_seed, userId, SyntheticSeeds.HistoryStream));
        var userFactors = _plan.FactorsOf(user);
        var userBias = _plan.Biases[user];
        var count = _plan.RatingCounts[user];
        EnsureCapacity(count);
        var start = _plan.Starts[user];
        var end = _plan.Ends[user];
        var lastYearIndex = SyntheticUserPlan.YearIndex(end);
        var available = _catalog.ReleasedByYear[lastYearIndex];
        var ratedAvailable = _catalog.RatedReleasedByYear[lastYearIndex];
        var guaranteedStart = _plan.GuaranteeOffsets[user];
        var guaranteed = _plan.GuaranteeOffsets[user + 1] - guaranteedStart;
        for (var i = 0; i < guaranteed; i++)
        {
            var movie = _plan.GuaranteedMovies[guaranteedStart + i];
            _seenBy[movie] = userId;
            _movies[i] = movie;
            _affinities[i] = (float)_catalog.Affinity(userFactors, movie);
        }

        if (count > guaranteed && (count * 5L > ratedAvailable || !TrySampleByRejection(random, userId, userFactors, guaranteed, count, SyntheticMovieCatalog.FirstYear + lastYearIndex)))
        {
            count = SampleByKeys(random, userId, userFactors, guaranteed, count, available);
        }

        for (var i = 0; i < count; i++)
        {
            var releaseStart = YearStarts[_catalog.ReleaseYears[_movies[i]] - SyntheticMovieCatalog.FirstYear];
            var from = Math.Max(start, releaseStart);
            _times[i] = from + (long)(random.NextDouble() * (end - from));
            _order[i] = i;
        }

        Array.Sort(_times, _order, 0, count);
        var halfStars = _plan.UsesHalfStars[user];
        Span<byte> line = stackalloc byte[64];
        for (var i = 0; i < count; i++)
        {
            var position = _order[i];
            var movie = _movies[position];
            var score = GlobalMean + userBias + _catalog.Biases[movie] + _affinities[position] + SkewedNoise(random);
            var half = halfStars && _times[i] >= HalfStarsFrom
                ? Math.Clamp((int)Math.Round(score * 2, MidpointRounding.AwayFromZero), 1, 10)
                : 2 * Math.Clamp((int)Math.Round(score, MidpointRounding.AwayFromZero), 1, 5);
            MovieRatingCounts[movie]++;
            HalfStarSum += half;

            var length = 0;
            length += Format(userId, line[length..]);
            line[length++] = (byte)',';
            length += Format(_catalog.MovieIds[movie], line[length..]);
            line[length++] = (byte)',';
            line[length++] = (byte)('0' + half / 2);
            line[length++] = (byte)'.';
            line[length++] = (byte)(half % 2 == 0 ? '0' : '5');
            line[length++] = (byte)',';
            length += Format(_times[i], line[length..]);
            line[length++] = (byte)'\n';
            ratings.Write(line[..length]);
        }

        WriteTags(random, userId, count, tags);
    }

    // Zipf draw (alias table) kept when released by the user's last visit, not yet rated, and exposed.
    // Gives up (false) when attempts run long, e.g. a user of the early years with a long list.
    private bool TrySampleByRejection(Random random, int userId, ReadOnlySpan<float> userFactors, int alreadyChosen, int count, int lastYear)
    {
        var chosen = alreadyChosen;
        var attempts = 0L;
        var maximumAttempts = 60L * count + 1_000;
        while (chosen < count)
        {
            if (++attempts > maximumAttempts)
            {
                return false;
            }

            var movie = _catalog.DrawByPopularity(random);
            if (_catalog.ReleaseYears[movie] > lastYear || _seenBy[movie] == userId || _catalog.Weights[movie] <= 0)
            {
                continue;
            }

            var affinity = _catalog.Affinity(userFactors, movie);
            if (random.NextDouble() >= _catalog.Exposure(movie, affinity))
            {
                continue;
            }

            _seenBy[movie] = userId;
            _movies[chosen] = movie;
            _affinities[chosen] = (float)affinity;
            chosen++;
        }

        return true;
    }

    // Weighted sampling without replacement (Efraimidis–Spirakis keys ln(u)/w, largest win) for users who
    // rate a large share of the catalog, where rejection would spin. Returns how many movies the user now has.
    private int SampleByKeys(Random random, int userId, ReadOnlySpan<float> userFactors, int alreadyChosen, int count, int available)
    {
        if (_keys.Length < available)
        {
            _keys = new double[available];
            _keyMovies = new int[available];
        }

        var candidates = 0;
        for (var index = 0; index < available; index++)
        {
            var movie = _catalog.ByRelease[index];
            var weight = _catalog.Weights[movie];
            if (weight <= 0 || _seenBy[movie] == userId)
            {
                continue;
            }

            var exposure = _catalog.Exposure(movie, _catalog.Affinity(userFactors, movie));
            _keys[candidates] = -Math.Log(1.0 - random.NextDouble()) / (weight * exposure); // smaller wins
            _keyMovies[candidates] = movie;
            candidates++;
        }

        Array.Sort(_keys, _keyMovies, 0, candidates);
        // The plan caps users well below what is available, so this only shortens users of tiny catalogs.
        count = Math.Min(count, alreadyChosen + candidates);
        for (var i = alreadyChosen; i < count; i++)
        {
            var movie = _keyMovies[i - alreadyChosen];
            _movies[i] = movie;
            _affinities[i] = (float)_catalog.Affinity(userFactors, movie);
        }

        return count;
    }

    // Taggers tag movies they rated, a few seconds to minutes after rating; text fits the movie's genres.
    private void WriteTags(Random random, int userId, int ratingCount, ArrayBufferWriter<byte> output)
    {
        var wanted = _plan.TagCounts[userId - 1];
        if (wanted == 0)
        {
            return;
        }

        _tags.Clear();
        _tagKeys.Clear();
        for (var t = 0; t < wanted; t++)
        {
            for (var attempt = 0; attempt < 4; attempt++)
            {
                var i = random.Next(ratingCount);
                var movie = _movies[_order[i]];
                var tag = PickTag(random, _catalog.Genres[movie]);
                if (_tagKeys.Add(((long)movie << 16) | (uint)tag))
                {
                    var time = Math.Min(SyntheticUserPlan.LastTimestamp, _times[i] + random.Next(1, 600));
                    _tags.Add((time, movie, tag));
                    break;
                }
            }
        }

        _tags.Sort();
        foreach (var (time, movie, tag) in _tags)
        {
            var text = $"{userId},{_catalog.MovieIds[movie]},{SyntheticText.CsvField(AllTags[tag])},{time}\n";
            output.Write(Encoding.UTF8.GetBytes(text));
        }

        TagCount += _tags.Count;
    }

    private static readonly string[] AllTags = [.. SyntheticText.GenreTags.SelectMany(t => t), .. SyntheticText.GeneralTags];

    private static readonly int[] GenreTagOffsets = BuildGenreTagOffsets();

    private static int PickTag(Random random, int[] genres)
    {
        if (genres.Length > 0 && random.NextDouble() < 0.6)
        {
            var genre = genres[random.Next(genres.Length)];
            return GenreTagOffsets[genre] + random.Next(SyntheticText.GenreTags[genre].Length);
        }

        return GenreTagOffsets[^1] + random.Next(SyntheticText.GeneralTags.Length);
    }

    // Left-skewed (a long tail of disappointments, a steep drop above), standard deviation about 0.75.
    private static double SkewedNoise(Random random)
    {
        const double delta = 0.9;
        var (first, second) = SyntheticSeeds.GaussianPair(random);
        var skewNormal = delta * Math.Abs(first) + Math.Sqrt(1 - delta * delta) * second;
        return -1.15 * (skewNormal - delta * Math.Sqrt(2 / Math.PI));
    }

    private static int Format(long value, Span<byte> destination)
    {
        value.TryFormat(destination, out var written, default, System.Globalization.CultureInfo.InvariantCulture);
        return written;
    }

    private void EnsureCapacity(int count)
    {
        if (_movies.Length < count)
        {
            var size = Math.Max(count, _movies.Length * 2);
            _movies = new int[size];
            _affinities = new float[size];
            _times = new long[size];
            _order = new int[size];
        }
    }

    private static int[] BuildGenreTagOffsets()
    {
        var offsets = new int[SyntheticText.GenreTags.Length + 1];
        for (var g = 0; g < SyntheticText.GenreTags.Length; g++)
        {
            offsets[g + 1] = offsets[g] + SyntheticText.GenreTags[g].Length;
        }

        return offsets;
    }

    private static long[] BuildYearStarts()
    {
        var starts = new long[SyntheticMovieCatalog.LastYear - SyntheticMovieCatalog.FirstYear + 1];
        for (var y = 0; y < starts.Length; y++)
        {
            starts[y] = new DateTimeOffset(SyntheticMovieCatalog.FirstYear + y, 1, 1, 0, 0, 0, TimeSpan.Zero).ToUnixTimeSeconds();
        }

        return starts;
    }
}
