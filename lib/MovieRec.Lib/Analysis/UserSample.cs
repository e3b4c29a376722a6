using MovieRec.Data;

namespace MovieRec.Analysis;

/// <summary>
/// A smaller data set made of whole users: every rating of a seeded random subset of users. Notebooks use it for
/// quick runs (tests, first looks); a user keeps all their ratings, so per-user splits behave as on the full data.
/// </summary>
public static class UserSample
{
    /// <summary>
    /// The ratings of <paramref name="maxUsers"/> users drawn at random with <paramref name="seed"/>, in their
    /// original row order; the table itself when <paramref name="maxUsers"/> is 0 or at least the number of users.
    /// </summary>
    /// <param name="ratings">All ratings.</param>
    /// <param name="maxUsers">Users to keep; 0 keeps everyone.</param>
    /// <param name="seed">Seed of the draw.</param>
    /// <exception cref="ArgumentException"><paramref name="maxUsers"/> is negative.</exception>
    public static RatingsTable Take(RatingsTable ratings, int maxUsers, int seed)
    {
        ArgumentNullException.ThrowIfNull(ratings);
        if (maxUsers < 0)
        {
            throw new ArgumentException($"maxUsers must be 0 (all users) or positive, not {maxUsers}.", nameof(maxUsers));
        }

        var users = ratings.DistinctUserIds();
        if (maxUsers == 0 || maxUsers >= users.Length)
        {
            return ratings;
        }

        new Random(seed).Shuffle(users);
        var kept = users.Take(maxUsers).ToHashSet();
        var rows = new List<int>();
        for (var i = 0; i < ratings.Count; i++)
        {
            if (kept.Contains(ratings.UserIds[i]))
            {
                rows.Add(i);
            }
        }

        return ratings.Select(rows.ToArray());
    }
}
