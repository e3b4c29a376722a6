using MovieRec.Data;

namespace MovieRec.Exploration;

/// <summary>The ratings given in one calendar year (UTC).</summary>
/// <param name="Year">The year.</param>
/// <param name="Ratings">Ratings given that year.</param>
/// <param name="MeanRating">Their mean.</param>
/// <param name="Users">Distinct users who rated that year.</param>
/// <param name="HalfStarShare">Share of that year's ratings that are not whole stars (MovieLens offered half stars from 2003).</param>
public sealed record YearStatistic(int Year, int Ratings, double MeanRating, int Users, double HalfStarShare);

/// <summary>
/// Ratings per calendar year of their timestamp (UTC). Activity comes in bursts (MovieLens' user base and
/// the interface changed over the years) and the rating scale itself changed when half stars arrived, so
/// time is a real effect: a random split lets a model see the "future" of a user, a chronological split does not.
/// </summary>
public static class RatingsOverTime
{
    /// <summary>
    /// One row per year that has ratings, ascending. Years without ratings between the first and the last are
    /// left out (a mean of no ratings is undefined); compare consecutive <see cref="YearStatistic.Year"/> values to see gaps.
    /// </summary>
    public static IReadOnlyList<YearStatistic> PerYear(RatingsTable ratings)
    {
        ArgumentNullException.ThrowIfNull(ratings);
        var years = new SortedDictionary<int, (int Count, double Sum, int HalfStars, HashSet<int> Users)>();
        for (var i = 0; i < ratings.Count; i++)
        {
            var year = DateTimeOffset.FromUnixTimeSeconds(ratings.Timestamps[i]).Year;
            if (!years.TryGetValue(year, out var totals))
            {
                totals = (0, 0, 0, []);
            }

            var rating = ratings.Ratings[i];
            totals.Users.Add(ratings.UserIds[i]);
            years[year] = (totals.Count + 1, totals.Sum + rating, totals.HalfStars + (rating != MathF.Floor(rating) ? 1 : 0), totals.Users);
        }

        return years
            .Select(p => new YearStatistic(p.Key, p.Value.Count, p.Value.Sum / p.Value.Count, p.Value.Users.Count, (double)p.Value.HalfStars / p.Value.Count))
            .ToArray();
    }
}
