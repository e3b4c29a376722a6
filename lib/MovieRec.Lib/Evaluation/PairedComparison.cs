namespace MovieRec.Evaluation;

/// <summary>Options of <see cref="PairedComparison"/>. Defaults: 10,000 sign flips, 1,000 bootstrap resamples at 95%, seed 42.</summary>
public sealed record PairedComparisonOptions
{
    /// <summary>The defaults.</summary>
    public static PairedComparisonOptions Default { get; } = new();

    /// <summary>Random sign flips of the randomisation test, at least 100. Default 10,000 (smallest p ≈ 1e-4).</summary>
    public int Permutations { get; init; } = 10_000;

    /// <summary>Seed of the sign flips and of the bootstrap of the difference. Default 42.</summary>
    public int Seed { get; init; } = 42;

    /// <summary>Resamples and level of the difference's interval (its seed is replaced by <see cref="Seed"/>).</summary>
    public BootstrapOptions Bootstrap { get; init; } = BootstrapOptions.Default;
}

/// <summary>Model A against model B on one metric, over the users both were evaluated on.</summary>
/// <param name="ModelA">Name of model A.</param>
/// <param name="ModelB">Name of model B.</param>
/// <param name="Metric">The metric compared, e.g. "Ndcg@10".</param>
/// <param name="Users">Users evaluated by both (the pairs).</param>
/// <param name="MeanA">Mean of A over those users.</param>
/// <param name="MeanB">Mean of B over those users.</param>
/// <param name="Difference">Mean of (A − B) per user = MeanA − MeanB, with a paired bootstrap interval.</param>
/// <param name="PValue">Two-sided p-value of the sign-flip randomisation test (the headline test).</param>
/// <param name="Permutations">Sign flips drawn.</param>
/// <param name="TStatistic">Paired t statistic mean(d) / (sd(d) / √n); 0 when every difference is 0.</param>
/// <param name="TTestPValue">Two-sided p-value of the paired t-test (n − 1 degrees of freedom); NaN for one user.</param>
/// <param name="AWins">Users where A scored higher.</param>
/// <param name="BWins">Users where B scored higher.</param>
/// <param name="Ties">Users where both scored the same.</param>
public sealed record PairedComparisonResult(
    string ModelA,
    string ModelB,
    string Metric,
    int Users,
    double MeanA,
    double MeanB,
    ConfidenceInterval Difference,
    double PValue,
    int Permutations,
    double TStatistic,
    double TTestPValue,
    int AWins,
    int BWins,
    int Ties)
{
    /// <summary>True when the randomisation test rejects "no difference" at <paramref name="alpha"/>.</summary>
    public bool IsSignificant(double alpha = 0.05) => PValue < alpha;

    /// <inheritdoc/>
    public override string ToString() => FormattableString.Invariant(
        $"{ModelA} − {ModelB} on {Metric}: {Difference} over {Users:N0} users, p = {PValue:0.0000} (sign flip), {TTestPValue:0.0000} (t-test)");
}

/// <summary>
/// Paired comparison of two models evaluated on the same test users: per-user differences d = A − B, their
/// mean with a percentile bootstrap interval (users resampled, each keeping both its scores), a sign-flip
/// randomisation test and, for reference, a paired t-test. See docs/evaluation.md.
/// </summary>
/// <remarks>
/// Sign-flip test: under "no difference" each user's d is as likely to be +d as −d, so the test draws
/// random signs s ∈ {±1} per user <see cref="PairedComparisonOptions.Permutations"/> times and reports
/// p = (1 + #{|Σ sᵢdᵢ| ≥ |Σ dᵢ|}) / (1 + permutations), which is never 0 and is exactly 1 when every
/// difference is 0. Users with d = 0 cannot change any sum and are skipped for speed.
/// </remarks>
public static class PairedComparison
{
    /// <summary>Compares <paramref name="a"/> and <paramref name="b"/> on <paramref name="metric"/> over their common users.</summary>
    /// <exception cref="ArgumentException">The results use different K, or share no user.</exception>
    public static PairedComparisonResult Compare(
        EvaluationResult a, EvaluationResult b, RankingMetric metric = RankingMetric.Ndcg, PairedComparisonOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        if (a.K != b.K)
        {
            throw new ArgumentException($"Results at different K ({a.K} and {b.K}) cannot be paired.", nameof(b));
        }

        return Compare(
            a.PerUser.UserIds, a.PerUser.ValuesOf(metric), b.PerUser.UserIds, b.PerUser.ValuesOf(metric),
            a.ModelName, b.ModelName, $"{metric.ColumnName()}@{a.K}", options);
    }

    /// <summary>Compares two sets of per-user values, matched by user id (users in only one set are left out).</summary>
    /// <exception cref="ArgumentException">Mismatched lengths, a duplicate user, or no common user.</exception>
    public static PairedComparisonResult Compare(
        int[] userIdsA, double[] valuesA, int[] userIdsB, double[] valuesB,
        string nameA = "A", string nameB = "B", string metricName = "metric", PairedComparisonOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(userIdsA);
        ArgumentNullException.ThrowIfNull(valuesA);
        ArgumentNullException.ThrowIfNull(userIdsB);
        ArgumentNullException.ThrowIfNull(valuesB);
        if (userIdsA.Length != valuesA.Length || userIdsB.Length != valuesB.Length)
        {
            throw new ArgumentException("Each user id needs exactly one value.", nameof(valuesA));
        }

        var rowOfB = new Dictionary<int, int>(userIdsB.Length);
        for (var i = 0; i < userIdsB.Length; i++)
        {
            if (!rowOfB.TryAdd(userIdsB[i], i))
            {
                throw new ArgumentException($"User {userIdsB[i]} appears twice in B.", nameof(userIdsB));
            }
        }

        var pairedA = new List<double>();
        var pairedB = new List<double>();
        var seenA = new HashSet<int>();
        for (var i = 0; i < userIdsA.Length; i++)
        {
            if (!seenA.Add(userIdsA[i]))
            {
                throw new ArgumentException($"User {userIdsA[i]} appears twice in A.", nameof(userIdsA));
            }

            if (rowOfB.TryGetValue(userIdsA[i], out var j))
            {
                pairedA.Add(valuesA[i]);
                pairedB.Add(valuesB[j]);
            }
        }

        if (pairedA.Count == 0)
        {
            throw new ArgumentException("The two evaluations share no user; a paired comparison needs the same users.", nameof(userIdsB));
        }

        return CompareAligned(pairedA.ToArray(), pairedB.ToArray(), nameA, nameB, metricName, options);
    }

    /// <summary>Compares values already aligned by user (a[i] and b[i] belong to the same user).</summary>
    public static PairedComparisonResult CompareAligned(
        double[] a, double[] b, string nameA = "A", string nameB = "B", string metricName = "metric", PairedComparisonOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        options ??= PairedComparisonOptions.Default;
        if (options.Permutations < 100)
        {
            throw new ArgumentException($"Permutations must be at least 100, not {options.Permutations}.", nameof(options));
        }

        if (a.Length != b.Length || a.Length == 0)
        {
            throw new ArgumentException($"Need the same, non-zero number of values ({a.Length} and {b.Length}).", nameof(b));
        }

        var n = a.Length;
        var differences = new double[n];
        int aWins = 0, bWins = 0;
        for (var i = 0; i < n; i++)
        {
            differences[i] = a[i] - b[i];
            aWins += differences[i] > 0 ? 1 : 0;
            bWins += differences[i] < 0 ? 1 : 0;
        }

        var interval = Bootstrap.Mean(differences, options.Bootstrap with { Seed = options.Seed });
        var (t, tPValue) = PairedTTest(differences);
        return new PairedComparisonResult(
            nameA, nameB, metricName, n, a.Average(), b.Average(), interval,
            SignFlipPValue(differences, options.Permutations, options.Seed), options.Permutations,
            t, tPValue, aWins, bWins, n - aWins - bWins);
    }

    /// <summary>Two-sided p-value of the sign-flip randomisation test of mean(<paramref name="differences"/>) = 0.</summary>
    public static double SignFlipPValue(double[] differences, int permutations = 10_000, int seed = 42)
    {
        ArgumentNullException.ThrowIfNull(differences);
        ArgumentOutOfRangeException.ThrowIfLessThan(permutations, 1);
        var nonZero = differences.Where(d => d != 0).ToArray();
        if (nonZero.Length == 0)
        {
            return 1.0;
        }

        var observed = Math.Abs(nonZero.Sum());

        // Floating-point sums of the same terms in another order can differ in the last bits; a flip whose
        // statistic equals the observed one up to rounding must count as "as extreme".
        var tolerance = 1e-9 * nonZero.Sum(Math.Abs);
        var atLeastAsExtreme = 0;
        Parallel.For(
            0,
            permutations,
            () => 0,
            (p, _, count) =>
            {
                var random = new Random(Bootstrap.MixSeed(seed, p));
                double sum = 0;
                ulong bits = 0;
                for (var i = 0; i < nonZero.Length; i++)
                {
                    if ((i & 63) == 0)
                    {
                        bits = (ulong)random.NextInt64();
                        bits = (bits << 1) ^ (ulong)random.Next(2);
                    }

                    sum += (bits & 1) == 0 ? nonZero[i] : -nonZero[i];
                    bits >>= 1;
                }

                return Math.Abs(sum) >= observed - tolerance ? count + 1 : count;
            },
            count => Interlocked.Add(ref atLeastAsExtreme, count));
        return (1.0 + atLeastAsExtreme) / (1.0 + permutations);
    }

    /// <summary>Paired t-test of mean(<paramref name="differences"/>) = 0: (t, two-sided p).</summary>
    public static (double T, double PValue) PairedTTest(double[] differences)
    {
        ArgumentNullException.ThrowIfNull(differences);
        var n = differences.Length;
        if (n < 2)
        {
            return (double.NaN, double.NaN);
        }

        var mean = differences.Average();
        var variance = differences.Sum(d => (d - mean) * (d - mean)) / (n - 1);
        if (variance == 0)
        {
            // Every difference equal: no evidence when they are all 0, certainty otherwise.
            return mean == 0 ? (0.0, 1.0) : (mean > 0 ? double.PositiveInfinity : double.NegativeInfinity, 0.0);
        }

        var t = mean / Math.Sqrt(variance / n);
        return (t, StudentT.TwoSidedPValue(t, n - 1));
    }
}
