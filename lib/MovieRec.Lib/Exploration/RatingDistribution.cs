using MovieRec.Data;

namespace MovieRec.Exploration;

/// <summary>How many ratings have one star value.</summary>
/// <param name="Rating">The star value, e.g. 3.5.</param>
/// <param name="Count">Ratings with that value.</param>
/// <param name="Share">Count / all ratings.</param>
public sealed record RatingValueCount(float Rating, int Count, double Share);

/// <summary>
/// The distribution of star values: one row per value that occurs, plus the numbers that describe its shape.
/// MovieLens ratings are skewed towards the top (mean about 3.5, mode 4) and whole stars are more common than
/// half stars, which were only offered from 2003: a model that predicts ratings starts from this, and a
/// ranking model that treats every rating as "relevant" ignores it.
/// </summary>
/// <param name="Values">One row per distinct star value, ascending.</param>
/// <param name="Count">Number of ratings.</param>
/// <param name="Mean">Mean rating (NaN when there are none).</param>
/// <param name="Median">Median rating (NaN when there are none).</param>
/// <param name="Mode">The most frequent value (the highest of tied values; NaN when there are none).</param>
/// <param name="StandardDeviation">Population standard deviation (NaN when there are none).</param>
/// <param name="HalfStarShare">Share of ratings that are not whole stars (0.5, 1.5, …).</param>
public sealed record RatingDistribution(
    IReadOnlyList<RatingValueCount> Values,
    int Count,
    double Mean,
    double Median,
    double Mode,
    double StandardDeviation,
    double HalfStarShare)
{
    /// <summary>Computes the distribution of <paramref name="ratings"/>.</summary>
    public static RatingDistribution Of(RatingsTable ratings)
    {
        ArgumentNullException.ThrowIfNull(ratings);
        var counts = new SortedDictionary<float, int>();
        double sum = 0, sumOfSquares = 0;
        var halfStars = 0;
        foreach (var rating in ratings.Ratings)
        {
            counts[rating] = counts.GetValueOrDefault(rating) + 1;
            sum += rating;
            sumOfSquares += (double)rating * rating;
            if (rating != MathF.Floor(rating))
            {
                halfStars++;
            }
        }

        var n = ratings.Count;
        if (n == 0)
        {
            return new RatingDistribution([], 0, double.NaN, double.NaN, double.NaN, double.NaN, 0);
        }

        var values = counts.Select(p => new RatingValueCount(p.Key, p.Value, (double)p.Value / n)).ToArray();
        var mean = sum / n;
        var mode = values.MaxBy(v => (v.Count, v.Rating))!.Rating;
        var variance = Math.Max(0, (sumOfSquares / n) - (mean * mean));
        return new RatingDistribution(values, n, mean, MedianOf(values, n), mode, Math.Sqrt(variance), (double)halfStars / n);
    }

    /// <summary>The median from the value counts: no sort of the ratings needed.</summary>
    private static double MedianOf(RatingValueCount[] values, int n)
    {
        // 0-based positions of the middle one or two ratings in sorted order.
        var lower = (n - 1) / 2;
        var upper = n / 2;
        double? lowerValue = null;
        var seen = 0;
        foreach (var value in values)
        {
            seen += value.Count;
            if (lowerValue is null && seen > lower)
            {
                lowerValue = value.Rating;
            }

            if (seen > upper)
            {
                return (lowerValue!.Value + value.Rating) / 2;
            }
        }

        throw new InvalidOperationException("Unreachable: the counts sum to n.");
    }

    /// <summary>The headline numbers as (name, value) rows for a two-column table.</summary>
    public IReadOnlyList<(string Name, string Value)> ToRows() =>
    [
        ("ratings", $"{Count:N0}"),
        ("mean", $"{Mean:F3}"),
        ("median", $"{Median:0.0}"),
        ("mode", $"{Mode:0.0}"),
        ("standard deviation", $"{StandardDeviation:F3}"),
        ("half-star share", $"{HalfStarShare:P1}"),
    ];
}
