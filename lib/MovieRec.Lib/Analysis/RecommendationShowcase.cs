using MovieRec.Data;
using MovieRec.Models;

namespace MovieRec.Analysis;

/// <summary>
/// One line of a showcase: a user's recommendation at some rank, next to the movie that user rated highest at the
/// same position of their training history — so a reader sees at a glance whether the list fits the taste.
/// </summary>
/// <param name="UserId">The user.</param>
/// <param name="Rank">1-based rank of the recommendation and position in the user's best-rated list.</param>
/// <param name="Recommended">Title of the recommended movie (empty when the list is shorter than this row).</param>
/// <param name="RecommendedGenres">Its genres joined with "|".</param>
/// <param name="Score">The model's score for it (NaN when there is no recommendation on this row).</param>
/// <param name="HeldOut">True when the user rated the recommended movie in the held-out test part: a hit.</param>
/// <param name="RatedHighly">Title of the user's <paramref name="Rank"/>-th highest-rated training movie (empty when fewer).</param>
/// <param name="Rating">That movie's rating (NaN when there is none on this row).</param>
public sealed record ShowcaseRow(
    int UserId, int Rank, string Recommended, string RecommendedGenres, double Score, bool HeldOut, string RatedHighly, double Rating);

/// <summary>Top-k recommendations of a few users next to what they rated highly, with titles (a table for notebooks).</summary>
public static class RecommendationShowcase
{
    /// <summary>
    /// <paramref name="count"/> users drawn at random (seeded) among the test users that also have training
    /// ratings, in ascending id order.
    /// </summary>
    public static int[] SampleUsers(TrainingData train, RatingsTable test, int count, int seed)
    {
        ArgumentNullException.ThrowIfNull(train);
        ArgumentNullException.ThrowIfNull(test);
        if (count < 1)
        {
            throw new ArgumentException($"count must be at least 1, not {count}.", nameof(count));
        }

        var candidates = test.DistinctUserIds().Where(train.UserVocabulary.Contains).ToArray();
        var random = new Random(seed);
        random.Shuffle(candidates);
        return candidates.Take(count).Order().ToArray();
    }

    /// <summary>
    /// For every user, <paramref name="k"/> rows: the model's top-k (training movies excluded) beside the user's k
    /// highest-rated training movies (ties: most recent first, then smaller id).
    /// </summary>
    /// <param name="model">A fitted recommender.</param>
    /// <param name="train">The data it was fitted on (the users' histories).</param>
    /// <param name="test">Held-out ratings marking hits, or null to leave <see cref="ShowcaseRow.HeldOut"/> false.</param>
    /// <param name="movies">Titles and genres.</param>
    /// <param name="userIds">The users to show, in display order.</param>
    /// <param name="k">Rows per user, at least 1.</param>
    public static IReadOnlyList<ShowcaseRow> ForUsers(
        IRecommender model, TrainingData train, RatingsTable? test, IReadOnlyList<Movie> movies, IReadOnlyList<int> userIds, int k = 10)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(train);
        ArgumentNullException.ThrowIfNull(movies);
        ArgumentNullException.ThrowIfNull(userIds);
        if (k < 1)
        {
            throw new ArgumentException($"k must be at least 1, not {k}.", nameof(k));
        }

        var lookup = new MovieLookup(movies);

        var wanted = userIds.ToHashSet();
        var heldOut = new HashSet<(int, int)>();
        if (test is not null)
        {
            for (var i = 0; i < test.Count; i++)
            {
                if (wanted.Contains(test.UserIds[i]))
                {
                    heldOut.Add((test.UserIds[i], test.MovieIds[i]));
                }
            }
        }

        var history = new Dictionary<int, List<(int MovieId, float Rating, long Timestamp)>>();
        var ratings = train.Ratings;
        for (var i = 0; i < ratings.Count; i++)
        {
            if (wanted.Contains(ratings.UserIds[i]))
            {
                if (!history.TryGetValue(ratings.UserIds[i], out var list))
                {
                    history[ratings.UserIds[i]] = list = [];
                }

                list.Add((ratings.MovieIds[i], ratings.Ratings[i], ratings.Timestamps[i]));
            }
        }

        var recommendations = model.Recommend(userIds.ToArray(), k);
        var rows = new List<ShowcaseRow>(userIds.Count * k);
        for (var u = 0; u < userIds.Count; u++)
        {
            var userId = userIds[u];
            var best = history.GetValueOrDefault(userId, [])
                .OrderByDescending(h => h.Rating)
                .ThenByDescending(h => h.Timestamp)
                .ThenBy(h => h.MovieId)
                .Take(k)
                .ToArray();
            var recommended = recommendations.MovieIdsAt(u).ToArray();
            var scores = recommendations.ScoresAt(u).ToArray();
            for (var rank = 0; rank < k; rank++)
            {
                var hasRecommendation = rank < recommended.Length;
                var hasHistory = rank < best.Length;
                rows.Add(new ShowcaseRow(
                    userId,
                    rank + 1,
                    hasRecommendation ? lookup.Title(recommended[rank]) : string.Empty,
                    hasRecommendation ? lookup.Genres(recommended[rank]) : string.Empty,
                    hasRecommendation ? scores[rank] : double.NaN,
                    hasRecommendation && heldOut.Contains((userId, recommended[rank])),
                    hasHistory ? lookup.Title(best[rank].MovieId) : string.Empty,
                    hasHistory ? best[rank].Rating : double.NaN));
            }
        }

        return rows;
    }
}
