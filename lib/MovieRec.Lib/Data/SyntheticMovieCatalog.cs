namespace MovieRec.Data;

/// <summary>
/// The movies of a synthetic data set and their hidden truth: sparse ids, release years, genres, titles,
/// links, a Zipf-like popularity weight, a quality bias and a latent factor vector built from genre
/// vectors (so a user's factor vector is also a genre taste). Movies are indexed 0..Count-1 in id order,
/// which is also the order they were "added" to the site: later movies are newer and less popular.
/// </summary>
internal sealed class SyntheticMovieCatalog
{
    /// <summary>First release year (and the first entry of the per-year tables).</summary>
    public const int FirstYear = 1900;

    /// <summary>Last release year.</summary>
    public const int LastYear = 2019;

    /// <summary>
    /// Per-component standard deviation of user and movie factors: with dimension d the affinity &lt;p, q&gt;
    /// has standard deviation about sqrt(d) × 0.42² ≈ 0.5 stars for d = 8, like fitted MovieLens models.
    /// </summary>
    public const double FactorScale = 0.42;

    // How sharply exposure (the chance a user watches a movie) follows expected enjoyment.
    private const double ExposureSharpness = 3.0;

    public SyntheticMovieCatalog(SyntheticMovieLensOptions options)
    {
        var random = new Random(SyntheticSeeds.Derive(options.Seed, 0, SyntheticSeeds.CatalogStream));
        var count = options.MovieCount;
        var dimension = options.LatentDimension;
        Count = count;
        RatedCount = options.RatedMovieCount;
        Dimension = dimension;
        MovieIds = new int[count];
        ReleaseYears = new int[count];
        Genres = new int[count][];
        Titles = new string[count];
        ImdbIds = new int[count];
        TmdbIds = new int[count];
        Factors = new float[count * dimension];
        Biases = new float[count];
        Weights = new double[count];

        var genreCount = SyntheticText.Genres.Length;
        var genreVectors = new double[genreCount * dimension];
        var genreBiases = new double[genreCount];
        for (var g = 0; g < genreCount; g++)
        {
            for (var k = 0; k < dimension; k++)
            {
                genreVectors[g * dimension + k] = SyntheticSeeds.Gaussian(random);
            }

            genreBiases[g] = 0.15 * SyntheticSeeds.Gaussian(random);
        }

        var popularityScores = new double[count];
        var movieId = 0;
        for (var i = 0; i < count; i++)
        {
            movieId += 1 + Geometric(random, options.AverageMovieIdGap - 1);
            MovieIds[i] = movieId;
            ReleaseYears[i] = ReleaseYear(random, i, count);
            Genres[i] = PickGenres(random);
            Titles[i] = SyntheticText.Title(random, ReleaseYears[i]);
            ImdbIds[i] = 10_000 + (int)((ReleaseYears[i] - FirstYear) / 120.0 * 8_000_000) + random.Next(100_000);
            // ml-latest-small lacks 8 of 9,742 TMDb ids; keep a similar rare gap (written as an empty field).
            TmdbIds[i] = random.NextDouble() < 0.0008 ? 0 : 1 + random.Next(600_000);

            // Factor = genre part (70% of the variance) + movie's own part (30%), so genre taste explains
            // most of a user's affinity but not all of it.
            var genres = Genres[i];
            var genreShare = genres.Length == 0 ? 0 : Math.Sqrt(0.7 / genres.Length);
            var ownShare = genres.Length == 0 ? 1 : Math.Sqrt(0.3);
            var bias = 0.4 * SyntheticSeeds.Gaussian(random);
            foreach (var g in genres)
            {
                bias += genreBiases[g] / genres.Length;
            }

            for (var k = 0; k < dimension; k++)
            {
                var value = ownShare * SyntheticSeeds.Gaussian(random);
                foreach (var g in genres)
                {
                    value += genreShare * genreVectors[g * dimension + k];
                }

                Factors[i * dimension + k] = (float)(FactorScale * value);
            }

            // Movies added early (the classics of the site) are more popular on average.
            popularityScores[i] = SyntheticSeeds.Gaussian(random) - 0.8 * i / count;
            Biases[i] = (float)bias;
        }

        AssignPopularity(options.PopularityExponent, popularityScores);
        BuildReleaseOrder();
        BuildAliasTable();
    }

    public int Count { get; }

    /// <summary>Movies 0..RatedCount-1 can be rated; the rest (the newest) have weight 0.</summary>
    public int RatedCount { get; }

    public int Dimension { get; }

    public int[] MovieIds { get; }

    public int[] ReleaseYears { get; }

    /// <summary>Genre indices into <see cref="SyntheticText.Genres"/>; empty for "(no genres listed)".</summary>
    public int[][] Genres { get; }

    public string[] Titles { get; }

    public int[] ImdbIds { get; }

    /// <summary>TMDb id, or 0 when missing.</summary>
    public int[] TmdbIds { get; }

    /// <summary>Latent factors, Count × Dimension, row-major.</summary>
    public float[] Factors { get; }

    /// <summary>Quality bias in stars (popular movies and some genres rate higher).</summary>
    public float[] Biases { get; }

    /// <summary>Zipf-like popularity weight; 0 for unrated movies.</summary>
    public double[] Weights { get; }

    /// <summary>Movie indices ordered by release year, then index.</summary>
    public int[] ByRelease { get; private set; } = [];

    /// <summary>Alias table over all movies (Vose): draw i uniformly, keep it with this chance, else take <see cref="AliasOf"/>[i].</summary>
    public double[] AliasKeep { get; private set; } = [];

    /// <summary>The alias of each slot of the alias table.</summary>
    public int[] AliasOf { get; private set; } = [];

    /// <summary>The user's taste for a movie: &lt;p, q&gt; in stars.</summary>
    public double Affinity(ReadOnlySpan<float> userFactors, int movie)
    {
        var factors = Factors.AsSpan(movie * Dimension, Dimension);
        var sum = 0.0;
        for (var k = 0; k < factors.Length; k++)
        {
            sum += userFactors[k] * factors[k];
        }

        return sum;
    }

    /// <summary>Chance the user watches the movie when it comes their way: sigmoid(3 (b_i + affinity)).</summary>
    public double Exposure(int movie, double affinity) =>
        1.0 / (1.0 + Math.Exp(-ExposureSharpness * (Biases[movie] + affinity)));

    /// <summary>A movie drawn in proportion to <see cref="Weights"/> in O(1) with one uniform number.</summary>
    public int DrawByPopularity(Random random)
    {
        var u = random.NextDouble() * Count;
        var slot = Math.Min((int)u, Count - 1);
        return u - slot < AliasKeep[slot] ? slot : AliasOf[slot];
    }

    /// <summary>For each year from <see cref="FirstYear"/>: how many entries of <see cref="ByRelease"/> were released by then.</summary>
    public int[] ReleasedByYear { get; private set; } = [];

    /// <summary>For each year from <see cref="FirstYear"/>: how many rated movies were released by then.</summary>
    public int[] RatedReleasedByYear { get; private set; } = [];

    private void AssignPopularity(double exponent, double[] scores)
    {
        var rated = Enumerable.Range(0, RatedCount).ToArray();
        var keys = new double[RatedCount];
        for (var i = 0; i < RatedCount; i++)
        {
            keys[i] = -scores[i];
        }

        Array.Sort(keys, rated);
        var popularityBias = new double[rated.Length];
        double weightSum = 0, weightedBias = 0;
        for (var rank = 0; rank < rated.Length; rank++)
        {
            Weights[rated[rank]] = Math.Pow(rank + 10, -exponent);
            popularityBias[rank] = 0.25 * (1 - 2.0 * rank / rated.Length);
            weightSum += Weights[rated[rank]];
            weightedBias += Weights[rated[rank]] * popularityBias[rank];
        }

        // Popular movies are rated a little higher, as in MovieLens (the top about +0.25 stars above the
        // bottom). Centred on the popularity-weighted mean so the overall mean rating does not drift with size.
        for (var rank = 0; rank < rated.Length; rank++)
        {
            Biases[rated[rank]] += (float)(popularityBias[rank] - weightedBias / weightSum);
        }
    }

    private void BuildReleaseOrder()
    {
        var order = Enumerable.Range(0, Count).ToArray();
        var years = (int[])ReleaseYears.Clone();
        Array.Sort(years, order);
        // Array.Sort is not stable; ties must resolve the same way every run, so sort each year by index.
        var start = 0;
        for (var i = 1; i <= Count; i++)
        {
            if (i == Count || years[i] != years[start])
            {
                Array.Sort(order, start, i - start);
                start = i;
            }
        }

        ByRelease = order;
        ReleasedByYear = new int[LastYear - FirstYear + 1];
        RatedReleasedByYear = new int[LastYear - FirstYear + 1];
        var rated = 0;
        for (var i = 0; i < Count; i++)
        {
            var movie = order[i];
            rated += movie < RatedCount ? 1 : 0;
            var yearIndex = ReleaseYears[movie] - FirstYear;
            ReleasedByYear[yearIndex] = i + 1;
            RatedReleasedByYear[yearIndex] = rated;
        }

        // Years without releases inherit the previous year's totals.
        for (var y = 1; y < ReleasedByYear.Length; y++)
        {
            ReleasedByYear[y] = Math.Max(ReleasedByYear[y], ReleasedByYear[y - 1]);
            RatedReleasedByYear[y] = Math.Max(RatedReleasedByYear[y], RatedReleasedByYear[y - 1]);
        }
    }

    // Vose's alias method: O(1) draws instead of a binary search per draw (the generator's hottest path).
    private void BuildAliasTable()
    {
        var total = Weights.Sum();
        var scaled = new double[Count];
        var small = new Stack<int>();
        var large = new Stack<int>();
        for (var i = Count - 1; i >= 0; i--)
        {
            scaled[i] = Weights[i] * Count / total;
            (scaled[i] < 1 ? small : large).Push(i);
        }

        AliasKeep = new double[Count];
        AliasOf = new int[Count];
        while (small.Count > 0 && large.Count > 0)
        {
            var less = small.Pop();
            var more = large.Pop();
            AliasKeep[less] = scaled[less];
            AliasOf[less] = more;
            scaled[more] += scaled[less] - 1;
            (scaled[more] < 1 ? small : large).Push(more);
        }

        // Leftovers are 1 up to rounding; a zero-weight movie must never be kept, so alias it to itself
        // only when it has weight.
        foreach (var i in large.Concat(small))
        {
            AliasKeep[i] = Weights[i] > 0 ? 1 : 0;
            AliasOf[i] = i;
        }
    }

    // Movie i is added to the site around 1995.5 + 24 × i/count. About half are new releases; the rest are
    // older films, denser in recent decades, back to 1900.
    private static int ReleaseYear(Random random, int index, int count)
    {
        var added = 1995.5 + 24.0 * index / count;
        double year = random.NextDouble() < 0.5
            ? added - random.Next(3)
            : added - (added - FirstYear) * Math.Pow(random.NextDouble(), 2.2);
        return Math.Clamp((int)Math.Floor(year), FirstYear, LastYear);
    }

    // Genre count as in ml-latest-small: 1 (29%), 2 (33%), 3 (24%), 4 (10%), 5+ (4%); 0.35% have none.
    private static int[] PickGenres(Random random)
    {
        if (random.NextDouble() < 0.0035)
        {
            return [];
        }

        var u = random.NextDouble();
        var wanted = u < 0.29 ? 1 : u < 0.62 ? 2 : u < 0.86 ? 3 : u < 0.96 ? 4 : u < 0.99 ? 5 : 6;
        var weights = (double[])SyntheticText.GenreWeights.Clone();
        var chosen = new List<int>(wanted);
        for (var n = 0; n < wanted; n++)
        {
            var total = weights.Sum();
            var pick = random.NextDouble() * total;
            var g = 0;
            while (g < weights.Length - 1 && (pick -= weights[g]) >= 0)
            {
                g++;
            }

            // Rounding can run the walk past the last genre with weight left; step back to one still free.
            while (weights[g] == 0)
            {
                g--;
            }

            chosen.Add(g);
            weights[g] = 0;
        }

        chosen.Sort();
        return [.. chosen];
    }

    // Number of failures before a success with the given mean (0 when the mean is 0).
    private static int Geometric(Random random, double mean)
    {
        if (mean <= 0)
        {
            return 0;
        }

        var p = 1 / (mean + 1);
        return (int)Math.Floor(Math.Log(1 - random.NextDouble()) / Math.Log(1 - p));
    }
}
