namespace MovieRec.Models;

/// <summary>
/// A batch of ranked lists in one flat (CSR) layout: row r is query <c>QueryIds[r]</c> (a user id for
/// <see cref="IRecommender.Recommend"/>, a movie id for <see cref="IRecommender.SimilarItems"/>) and holds
/// <c>MovieIds[Offsets[r]..Offsets[r+1]]</c> with their <c>Scores</c>, best first.
/// </summary>
/// <remarks>
/// Why flat arrays rather than one object per row: 162,000 users × k=10 is three arrays instead of
/// 324,000, and metrics read a row as a span without copying. Rows may be shorter than k (small catalogue,
/// many exclusions) or empty (unknown user), so the layout keeps offsets rather than a fixed stride.
/// </remarks>
public sealed class Recommendations
{
    /// <summary>Wraps arrays without copying; validates the layout.</summary>
    /// <exception cref="ArgumentException">Offsets are not a valid CSR layout or the arrays disagree in length.</exception>
    public Recommendations(int[] queryIds, int[] offsets, int[] movieIds, float[] scores)
    {
        ArgumentNullException.ThrowIfNull(queryIds);
        ArgumentNullException.ThrowIfNull(offsets);
        ArgumentNullException.ThrowIfNull(movieIds);
        ArgumentNullException.ThrowIfNull(scores);
        if (offsets.Length != queryIds.Length + 1)
        {
            throw new ArgumentException(
                $"Offsets must have one more entry than queryIds ({queryIds.Length + 1}), not {offsets.Length}.", nameof(offsets));
        }

        if (scores.Length != movieIds.Length)
        {
            throw new ArgumentException(
                $"Scores ({scores.Length}) and movieIds ({movieIds.Length}) must have the same length.", nameof(scores));
        }

        if (offsets[0] != 0 || offsets[^1] != movieIds.Length)
        {
            throw new ArgumentException(
                $"Offsets must start at 0 and end at movieIds.Length ({movieIds.Length}).", nameof(offsets));
        }

        for (var r = 0; r < queryIds.Length; r++)
        {
            if (offsets[r + 1] < offsets[r])
            {
                throw new ArgumentException($"Offsets must not decrease (row {r}).", nameof(offsets));
            }
        }

        QueryIds = queryIds;
        Offsets = offsets;
        MovieIds = movieIds;
        Scores = scores;
    }

    /// <summary>The query of each row: user ids (Recommend) or movie ids (SimilarItems).</summary>
    public int[] QueryIds { get; }

    /// <summary>Row starts into <see cref="MovieIds"/> and <see cref="Scores"/>, length rows + 1.</summary>
    public int[] Offsets { get; }

    /// <summary>Recommended raw movie ids, all rows concatenated.</summary>
    public int[] MovieIds { get; }

    /// <summary>Score of each entry of <see cref="MovieIds"/>, descending within a row.</summary>
    public float[] Scores { get; }

    /// <summary>Number of rows.</summary>
    public int Count => QueryIds.Length;

    /// <summary>Length of one row.</summary>
    public int RowLength(int row) => Offsets[row + 1] - Offsets[row];

    /// <summary>The movie ids of one row, best first.</summary>
    public ReadOnlySpan<int> MovieIdsAt(int row) => MovieIds.AsSpan(Offsets[row], Offsets[row + 1] - Offsets[row]);

    /// <summary>The scores of one row, aligned with <see cref="MovieIdsAt"/>.</summary>
    public ReadOnlySpan<float> ScoresAt(int row) => Scores.AsSpan(Offsets[row], Offsets[row + 1] - Offsets[row]);

    /// <summary>Builds from one array per row (convenient in tests and small tools; copies).</summary>
    public static Recommendations FromRows(int[] queryIds, int[][] movieIds, float[][]? scores = null)
    {
        ArgumentNullException.ThrowIfNull(queryIds);
        ArgumentNullException.ThrowIfNull(movieIds);
        if (movieIds.Length != queryIds.Length || (scores is not null && scores.Length != queryIds.Length))
        {
            throw new ArgumentException("One row of movie ids (and of scores) is needed per query id.", nameof(movieIds));
        }

        var offsets = new int[queryIds.Length + 1];
        for (var r = 0; r < queryIds.Length; r++)
        {
            if (scores is not null && scores[r].Length != movieIds[r].Length)
            {
                throw new ArgumentException($"Row {r}: {scores[r].Length} scores for {movieIds[r].Length} movies.", nameof(scores));
            }

            offsets[r + 1] = offsets[r] + movieIds[r].Length;
        }

        var flatIds = new int[offsets[^1]];
        var flatScores = new float[offsets[^1]];
        for (var r = 0; r < queryIds.Length; r++)
        {
            movieIds[r].CopyTo(flatIds, offsets[r]);
            if (scores is not null)
            {
                scores[r].CopyTo(flatScores, offsets[r]);
            }
            else
            {
                // No scores given: rank order as a descending score so rows still read best first.
                for (var i = 0; i < movieIds[r].Length; i++)
                {
                    flatScores[offsets[r] + i] = movieIds[r].Length - i;
                }
            }
        }

        return new Recommendations((int[])queryIds.Clone(), offsets, flatIds, flatScores);
    }

    /// <summary>
    /// Builds from a fixed-stride buffer (row r at <c>r * stride</c>, <c>lengths[r]</c> entries used) by
    /// compacting it; this is how parallel producers fill rows without sharing a write cursor.
    /// </summary>
    public static Recommendations FromStrided(int[] queryIds, int stride, int[] lengths, int[] movieIds, float[] scores)
    {
        ArgumentNullException.ThrowIfNull(queryIds);
        ArgumentNullException.ThrowIfNull(lengths);
        ArgumentNullException.ThrowIfNull(movieIds);
        ArgumentNullException.ThrowIfNull(scores);
        var offsets = new int[queryIds.Length + 1];
        for (var r = 0; r < queryIds.Length; r++)
        {
            if (lengths[r] < 0 || lengths[r] > stride)
            {
                throw new ArgumentException($"Row {r} length {lengths[r]} is outside 0..{stride}.", nameof(lengths));
            }

            offsets[r + 1] = offsets[r] + lengths[r];
        }

        var flatIds = new int[offsets[^1]];
        var flatScores = new float[offsets[^1]];
        for (var r = 0; r < queryIds.Length; r++)
        {
            Array.Copy(movieIds, (long)r * stride, flatIds, offsets[r], lengths[r]);
            Array.Copy(scores, (long)r * stride, flatScores, offsets[r], lengths[r]);
        }

        return new Recommendations(queryIds, offsets, flatIds, flatScores);
    }
}
