using MovieRec.Data;

namespace MovieRec.Evaluation;

/// <summary>
/// The relevant movies of each evaluated user, in the same flat (CSR) layout as
/// <see cref="Models.Recommendations"/>: row r is user <c>UserIds[r]</c> with relevant movies
/// <c>MovieIds[Offsets[r]..Offsets[r+1]]</c> (ascending, distinct) and, optionally, a positive grade for
/// each (used only by graded NDCG as the gain). Rows are sorted once here so ranking metrics can test
/// membership with a binary search and no per-user allocation.
/// </summary>
public sealed class GroundTruth
{
    private GroundTruth(int[] userIds, int[] offsets, int[] movieIds, float[]? grades)
    {
        UserIds = userIds;
        Offsets = offsets;
        MovieIds = movieIds;
        Grades = grades;
        var longest = 0;
        for (var r = 0; r < userIds.Length; r++)
        {
            longest = Math.Max(longest, offsets[r + 1] - offsets[r]);
        }

        LongestRow = longest;
    }

    /// <summary>User of each row (distinct).</summary>
    public int[] UserIds { get; }

    /// <summary>Row starts, length rows + 1.</summary>
    public int[] Offsets { get; }

    /// <summary>Relevant movie ids, ascending within each row.</summary>
    public int[] MovieIds { get; }

    /// <summary>Grade (gain) of each relevant movie, or null when relevance is binary.</summary>
    public float[]? Grades { get; }

    /// <summary>Number of rows (users).</summary>
    public int Count => UserIds.Length;

    /// <summary>Length of the longest row.</summary>
    public int LongestRow { get; }

    /// <summary>Relevant movies of one row, ascending.</summary>
    public ReadOnlySpan<int> MovieIdsAt(int row) => MovieIds.AsSpan(Offsets[row], Offsets[row + 1] - Offsets[row]);

    /// <summary>Grades of one row aligned with <see cref="MovieIdsAt"/>; empty when relevance is binary.</summary>
    public ReadOnlySpan<float> GradesAt(int row) =>
        Grades is null ? ReadOnlySpan<float>.Empty : Grades.AsSpan(Offsets[row], Offsets[row + 1] - Offsets[row]);

    /// <summary>Builds from one array per user (copies; rows are sorted here).</summary>
    /// <exception cref="ArgumentException">Duplicate users, a duplicate movie within a row, mismatched
    /// grade rows, or a grade that is not a positive finite number.</exception>
    public static GroundTruth FromRows(int[] userIds, int[][] movieIds, float[][]? grades = null)
    {
        ArgumentNullException.ThrowIfNull(userIds);
        ArgumentNullException.ThrowIfNull(movieIds);
        if (movieIds.Length != userIds.Length || (grades is not null && grades.Length != userIds.Length))
        {
            throw new ArgumentException("One row of movie ids (and of grades) is needed per user id.", nameof(movieIds));
        }

        var offsets = new int[userIds.Length + 1];
        for (var r = 0; r < userIds.Length; r++)
        {
            if (grades is not null && grades[r].Length != movieIds[r].Length)
            {
                throw new ArgumentException($"Row {r} (user {userIds[r]}): {grades[r].Length} grades for {movieIds[r].Length} movies.", nameof(grades));
            }

            offsets[r + 1] = offsets[r] + movieIds[r].Length;
        }

        var flatIds = new int[offsets[^1]];
        var flatGrades = grades is null ? null : new float[offsets[^1]];
        for (var r = 0; r < userIds.Length; r++)
        {
            movieIds[r].CopyTo(flatIds, offsets[r]);
            grades?[r].CopyTo(flatGrades!, offsets[r]);
        }

        return SortAndValidate((int[])userIds.Clone(), offsets, flatIds, flatGrades);
    }

    /// <summary>
    /// Relevant items from held-out ratings: every rating ≥ <paramref name="minimumRating"/> is relevant,
    /// graded by its star rating. Users with no rating at or above the threshold get no row (they have no
    /// relevant items and would be excluded from ranking metrics anyway). Rows follow ascending user id.
    /// </summary>
    /// <exception cref="ArgumentException">A user rated the same movie twice in <paramref name="test"/>.</exception>
    public static GroundTruth FromRatings(RatingsTable test, float minimumRating = float.NegativeInfinity)
    {
        ArgumentNullException.ThrowIfNull(test);

        // Counting sort by user (O(rows)): count relevant ratings per user, lay users out in ascending id
        // order, then scatter. A SortedDictionary of lists took seconds on 6.5M rows.
        var countByUser = new Dictionary<int, int>();
        for (var i = 0; i < test.Count; i++)
        {
            if (test.Ratings[i] >= minimumRating)
            {
                countByUser[test.UserIds[i]] = countByUser.GetValueOrDefault(test.UserIds[i]) + 1;
            }
        }

        var userIds = countByUser.Keys.ToArray();
        Array.Sort(userIds);
        var offsets = new int[userIds.Length + 1];
        var next = new Dictionary<int, int>(userIds.Length);
        for (var r = 0; r < userIds.Length; r++)
        {
            next[userIds[r]] = offsets[r];
            offsets[r + 1] = offsets[r] + countByUser[userIds[r]];
        }

        var movieIds = new int[offsets[^1]];
        var grades = new float[movieIds.Length];
        for (var i = 0; i < test.Count; i++)
        {
            if (test.Ratings[i] >= minimumRating)
            {
                ref var at = ref System.Runtime.InteropServices.CollectionsMarshal.GetValueRefOrNullRef(next, test.UserIds[i]);
                movieIds[at] = test.MovieIds[i];
                grades[at] = test.Ratings[i];
                at++;
            }
        }

        return SortAndValidate(userIds, offsets, movieIds, grades);
    }

    private static GroundTruth SortAndValidate(int[] userIds, int[] offsets, int[] movieIds, float[]? grades)
    {
        var distinctUsers = new HashSet<int>(userIds.Length);
        for (var r = 0; r < userIds.Length; r++)
        {
            if (!distinctUsers.Add(userIds[r]))
            {
                throw new ArgumentException($"User {userIds[r]} has more than one ground-truth row.", nameof(userIds));
            }

            var ids = movieIds.AsSpan(offsets[r], offsets[r + 1] - offsets[r]);
            if (grades is not null)
            {
                var rowGrades = grades.AsSpan(offsets[r], ids.Length);
                foreach (var grade in rowGrades)
                {
                    if (!float.IsFinite(grade) || grade <= 0)
                    {
                        throw new ArgumentException(
                            $"User {userIds[r]}: grade {grade} is not a positive finite number (grades are NDCG gains).", "grades");
                    }
                }

                ids.Sort(rowGrades);
            }
            else
            {
                ids.Sort();
            }

            for (var i = 1; i < ids.Length; i++)
            {
                if (ids[i] == ids[i - 1])
                {
                    throw new ArgumentException($"User {userIds[r]}: movie {ids[i]} is listed twice as relevant.", "movieIds");
                }
            }
        }

        return new GroundTruth(userIds, offsets, movieIds, grades);
    }
}
