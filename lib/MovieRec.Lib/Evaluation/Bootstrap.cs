namespace MovieRec.Evaluation;

/// <summary>Options of <see cref="Bootstrap"/>. Defaults: 1,000 resamples, 95% level, seed 42.</summary>
public sealed record BootstrapOptions
{
    /// <summary>The defaults.</summary>
    public static BootstrapOptions Default { get; } = new();

    /// <summary>Number of bootstrap resamples, at least 10. Default 1,000.</summary>
    public int Resamples { get; init; } = 1_000;

    /// <summary>Coverage of the interval, strictly between 0 and 1. Default 0.95.</summary>
    public double ConfidenceLevel { get; init; } = 0.95;

    /// <summary>Seed of the resampling. Default 42.</summary>
    public int Seed { get; init; } = 42;

    internal void Validate(string parameterName)
    {
        if (Resamples < 10)
        {
            throw new ArgumentException($"Resamples must be at least 10, not {Resamples}.", parameterName);
        }

        if (!(ConfidenceLevel > 0 && ConfidenceLevel < 1))
        {
            throw new ArgumentException($"ConfidenceLevel must be strictly between 0 and 1, not {ConfidenceLevel}.", parameterName);
        }
    }
}

/// <summary>A point estimate with a confidence interval.</summary>
/// <param name="Estimate">The statistic on the full sample (e.g. the mean over all users).</param>
/// <param name="Lower">Lower end of the interval.</param>
/// <param name="Upper">Upper end of the interval.</param>
/// <param name="Level">Coverage, e.g. 0.95.</param>
public sealed record ConfidenceInterval(double Estimate, double Lower, double Upper, double Level)
{
    /// <summary>Upper − Lower.</summary>
    public double Width => Upper - Lower;

    /// <summary>True when <paramref name="value"/> lies in [Lower, Upper].</summary>
    public bool Contains(double value) => value >= Lower && value <= Upper;

    /// <inheritdoc/>
    public override string ToString() =>
        FormattableString.Invariant($"{Estimate:0.0000} [{Lower:0.0000}, {Upper:0.0000}]");
}

/// <summary>
/// Percentile bootstrap over units (users): draw n units with replacement, recompute the statistic, repeat
/// <see cref="BootstrapOptions.Resamples"/> times, and take the (1 − level)/2 and (1 + level)/2 quantiles of
/// the resampled statistics (linear interpolation between order statistics, numpy's default) as the interval.
/// </summary>
/// <remarks>
/// Resample b draws from its own <c>new Random(seed mixed with b)</c>, so the result depends only on the
/// data and the seed, not on how resamples are spread over threads. <see cref="Means"/> draws each resample
/// once and applies it to every column: all metrics of one evaluation see the same resampled users, and
/// 162,000 users × 1,000 resamples cost one pass of 162M draws rather than one per metric.
/// </remarks>
public static class Bootstrap
{
    /// <summary>Interval of the mean of <paramref name="values"/>.</summary>
    /// <exception cref="ArgumentException">No values, a NaN/infinite value, or invalid options.</exception>
    public static ConfidenceInterval Mean(double[] values, BootstrapOptions? options = null) =>
        Means([values], options)[0];

    /// <summary>Intervals of the means of several aligned columns (one value per unit each), resampled together.</summary>
    /// <exception cref="ArgumentException">No columns, columns of different or zero length, a NaN/infinite value, or invalid options.</exception>
    public static ConfidenceInterval[] Means(IReadOnlyList<double[]> columns, BootstrapOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(columns);
        options ??= BootstrapOptions.Default;
        options.Validate(nameof(options));
        var n = ValidateColumns(columns, nameof(columns));
        var sums = Resample(n, columns.Count, options, (indices, result) =>
        {
            for (var c = 0; c < columns.Count; c++)
            {
                var column = columns[c];
                double sum = 0;
                foreach (var i in indices)
                {
                    sum += column[i];
                }

                result[c] = sum / n;
            }
        });
        var intervals = new ConfidenceInterval[columns.Count];
        for (var c = 0; c < columns.Count; c++)
        {
            intervals[c] = FromResamples(Average(columns[c]), sums[c], options.ConfidenceLevel);
        }

        return intervals;
    }

    /// <summary>
    /// Interval of transform(Σ numerators / Σ denominators) with units resampled as wholes, e.g. RMSE over
    /// users: numerator = a user's sum of squared errors, denominator = their number of ratings, transform =
    /// square root. Resampling users rather than ratings respects that one user's ratings are correlated.
    /// </summary>
    /// <exception cref="ArgumentException">Mismatched or empty arrays, a non-finite value, a non-positive total denominator.</exception>
    public static ConfidenceInterval Ratio(
        double[] numerators, double[] denominators, Func<double, double>? transform = null, BootstrapOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(numerators);
        ArgumentNullException.ThrowIfNull(denominators);
        options ??= BootstrapOptions.Default;
        options.Validate(nameof(options));
        var n = ValidateColumns([numerators, denominators], nameof(numerators));
        transform ??= static x => x;
        var totalDenominator = denominators.Sum();
        if (!(totalDenominator > 0))
        {
            throw new ArgumentException("The denominators must sum to a positive number.", nameof(denominators));
        }

        var statistics = Resample(n, 1, options, (indices, result) =>
        {
            double top = 0, bottom = 0;
            foreach (var i in indices)
            {
                top += numerators[i];
                bottom += denominators[i];
            }

            // A resample can draw only units with denominator 0 (tiny samples); it then repeats the estimate.
            result[0] = bottom > 0 ? transform(top / bottom) : transform(numerators.Sum() / totalDenominator);
        });
        return FromResamples(transform(numerators.Sum() / totalDenominator), statistics[0], options.ConfidenceLevel);
    }

    /// <summary>The p-quantile (0..1) of ascending <paramref name="sorted"/>, linear between order statistics.</summary>
    public static double Quantile(ReadOnlySpan<double> sorted, double p)
    {
        if (sorted.IsEmpty)
        {
            throw new ArgumentException("At least one value is needed.", nameof(sorted));
        }

        if (!(p >= 0 && p <= 1))
        {
            throw new ArgumentOutOfRangeException(nameof(p), p, "p must be in [0, 1].");
        }

        var position = (sorted.Length - 1) * p;
        var below = (int)Math.Floor(position);
        var above = Math.Min(below + 1, sorted.Length - 1);
        return sorted[below] + ((position - below) * (sorted[above] - sorted[below]));
    }

    /// <summary>A seed for stream <paramref name="stream"/> derived from <paramref name="seed"/> (SplitMix64 finaliser).</summary>
    internal static int MixSeed(int seed, int stream)
    {
        unchecked
        {
            var z = ((ulong)(uint)seed << 32) ^ (uint)stream;
            z += 0x9E3779B97F4A7C15UL;
            z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
            z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
            z ^= z >> 31;
            return (int)(z & 0x7FFFFFFF);
        }
    }

    /// <summary>Runs every resample (in parallel, deterministic per resample) and returns statistics[column][resample].</summary>
    private static double[][] Resample(int n, int columns, BootstrapOptions options, Action<int[], double[]> statistic)
    {
        var resamples = options.Resamples;
        var results = new double[columns][];
        for (var c = 0; c < columns; c++)
        {
            results[c] = new double[resamples];
        }

        Parallel.For(
            0,
            resamples,
            () => (Indices: new int[n], Values: new double[columns]),
            (b, _, scratch) =>
            {
                var random = new Random(MixSeed(options.Seed, b));
                for (var i = 0; i < n; i++)
                {
                    scratch.Indices[i] = random.Next(n);
                }

                statistic(scratch.Indices, scratch.Values);
                for (var c = 0; c < columns; c++)
                {
                    results[c][b] = scratch.Values[c];
                }

                return scratch;
            },
            _ => { });
        return results;
    }

    private static ConfidenceInterval FromResamples(double estimate, double[] statistics, double level)
    {
        Array.Sort(statistics);
        var tail = (1 - level) / 2;
        return new ConfidenceInterval(estimate, Quantile(statistics, tail), Quantile(statistics, 1 - tail), level);
    }

    private static int ValidateColumns(IReadOnlyList<double[]> columns, string parameterName)
    {
        if (columns.Count == 0)
        {
            throw new ArgumentException("At least one column is needed.", parameterName);
        }

        var n = columns[0]?.Length ?? 0;
        if (n == 0)
        {
            throw new ArgumentException("A bootstrap needs at least one unit (user); the sample is empty.", parameterName);
        }

        for (var c = 0; c < columns.Count; c++)
        {
            var column = columns[c] ?? throw new ArgumentException($"Column {c} is null.", parameterName);
            if (column.Length != n)
            {
                throw new ArgumentException($"Column {c} has {column.Length} values, column 0 has {n}.", parameterName);
            }

            for (var i = 0; i < n; i++)
            {
                if (!double.IsFinite(column[i]))
                {
                    throw new ArgumentException($"Column {c}, unit {i} is {column[i]}; values must be finite.", parameterName);
                }
            }
        }

        return n;
    }

    private static double Average(double[] values)
    {
        double sum = 0;
        foreach (var value in values)
        {
            sum += value;
        }

        return sum / values.Length;
    }
}
