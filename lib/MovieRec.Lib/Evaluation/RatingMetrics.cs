namespace MovieRec.Evaluation;

/// <summary>
/// Accuracy of predicted ratings over (actual, predicted) pairs, with the formulas of scikit-learn (which
/// microsoft/recommenders' python_evaluation calls): see docs/metrics.md. Sums run in double precision.
/// </summary>
public static class RatingMetrics
{
    /// <summary>All five rating metrics in one pass.</summary>
    /// <exception cref="ArgumentException">Arrays differ in length, are empty, or hold NaN/infinity.</exception>
    public static RatingMetricsResult Compute(ReadOnlySpan<float> actual, ReadOnlySpan<float> predicted)
    {
        Validate(actual, predicted);
        var n = actual.Length;
        double sumActual = 0, sumError = 0;
        for (var i = 0; i < n; i++)
        {
            sumActual += actual[i];
            sumError += (double)actual[i] - predicted[i];
        }

        var meanActual = sumActual / n;
        var meanError = sumError / n;
        double squared = 0, absolute = 0, totalVariance = 0, errorVariance = 0;
        for (var i = 0; i < n; i++)
        {
            var error = (double)actual[i] - predicted[i];
            squared += error * error;
            absolute += Math.Abs(error);
            var deviation = actual[i] - meanActual;
            totalVariance += deviation * deviation;
            var errorDeviation = error - meanError;
            errorVariance += errorDeviation * errorDeviation;
        }

        var mse = squared / n;
        return new RatingMetricsResult(
            Count: n,
            MeanSquaredError: mse,
            MeanAbsoluteError: absolute / n,
            RootMeanSquaredError: Math.Sqrt(mse),
            RSquared: OneMinusRatio(squared, totalVariance),
            ExplainedVariance: OneMinusRatio(errorVariance, totalVariance));
    }

    /// <summary>Mean squared error: Σ(yᵢ − ŷᵢ)² / n.</summary>
    public static double MeanSquaredError(ReadOnlySpan<float> actual, ReadOnlySpan<float> predicted) =>
        Compute(actual, predicted).MeanSquaredError;

    /// <summary>Mean absolute error: Σ|yᵢ − ŷᵢ| / n.</summary>
    public static double MeanAbsoluteError(ReadOnlySpan<float> actual, ReadOnlySpan<float> predicted) =>
        Compute(actual, predicted).MeanAbsoluteError;

    /// <summary>Root mean squared error: √MSE.</summary>
    public static double RootMeanSquaredError(ReadOnlySpan<float> actual, ReadOnlySpan<float> predicted) =>
        Compute(actual, predicted).RootMeanSquaredError;

    /// <summary>Coefficient of determination: 1 − Σ(yᵢ − ŷᵢ)² / Σ(yᵢ − ȳ)².</summary>
    public static double RSquared(ReadOnlySpan<float> actual, ReadOnlySpan<float> predicted) =>
        Compute(actual, predicted).RSquared;

    /// <summary>Explained variance: 1 − Var(y − ŷ) / Var(y) (population variances).</summary>
    public static double ExplainedVariance(ReadOnlySpan<float> actual, ReadOnlySpan<float> predicted) =>
        Compute(actual, predicted).ExplainedVariance;

    /// <summary>
    /// 1 − numerator/denominator, with scikit-learn's convention for constant actual ratings (denominator 0):
    /// 1 when the numerator is also 0 (perfect), otherwise 0, instead of NaN or −∞.
    /// </summary>
    private static double OneMinusRatio(double numerator, double denominator)
    {
        if (denominator == 0)
        {
            return numerator == 0 ? 1.0 : 0.0;
        }

        return 1.0 - (numerator / denominator);
    }

    private static void Validate(ReadOnlySpan<float> actual, ReadOnlySpan<float> predicted)
    {
        if (actual.Length != predicted.Length)
        {
            throw new ArgumentException(
                $"actual ({actual.Length}) and predicted ({predicted.Length}) must have the same length.", nameof(predicted));
        }

        if (actual.Length == 0)
        {
            throw new ArgumentException("At least one (actual, predicted) pair is needed.", nameof(actual));
        }

        for (var i = 0; i < actual.Length; i++)
        {
            if (!float.IsFinite(actual[i]))
            {
                throw new ArgumentException($"actual[{i}] is {actual[i]}; ratings must be finite.", nameof(actual));
            }

            if (!float.IsFinite(predicted[i]))
            {
                throw new ArgumentException($"predicted[{i}] is {predicted[i]}; predictions must be finite.", nameof(predicted));
            }
        }
    }
}

/// <summary>Rating metrics of one set of predictions (see docs/metrics.md for the formulas).</summary>
/// <param name="Count">Number of (actual, predicted) pairs.</param>
/// <param name="MeanSquaredError">Σ(yᵢ − ŷᵢ)² / n.</param>
/// <param name="MeanAbsoluteError">Σ|yᵢ − ŷᵢ| / n.</param>
/// <param name="RootMeanSquaredError">√MSE, in stars.</param>
/// <param name="RSquared">1 − Σ(yᵢ − ŷᵢ)² / Σ(yᵢ − ȳ)²; can be negative.</param>
/// <param name="ExplainedVariance">1 − Var(y − ŷ) / Var(y); ignores a constant bias, unlike R².</param>
public sealed record RatingMetricsResult(
    int Count,
    double MeanSquaredError,
    double MeanAbsoluteError,
    double RootMeanSquaredError,
    double RSquared,
    double ExplainedVariance);
