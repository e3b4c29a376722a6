using System.Collections.Concurrent;
using System.Runtime.InteropServices;
using MovieRec.Data;

namespace MovieRec.Models;

/// <summary>Fills <paramref name="scores"/> (one entry per catalogue item index) for one query row.</summary>
/// <param name="queryIndex">A user index (Recommend) or an item index (SimilarItems).</param>
/// <param name="scores">Scratch row of length catalogue size; every entry must be written.</param>
public delegate void ScoreRow(int queryIndex, Span<float> scores);

/// <summary>
/// The shared mechanics behind <see cref="IRecommender.Recommend"/> and
/// <see cref="IRecommender.SimilarItems"/> for models that can score a whole row: argument checks, unknown
/// queries → empty rows, exclusions (seen, per user, for all), exact top-k and the id mapping, in parallel
/// over query partitions with one scratch row per partition (no per-user allocation).
/// A model only supplies a <see cref="ScoreRow"/>.
/// </summary>
public static class RecommendationKernel
{
    /// <summary>Top-k per user over the catalogue <see cref="TrainingData.ItemVocabulary"/>.</summary>
    public static Recommendations Recommend(
        TrainingData data, int[] userIds, int k, RecommendOptions? options, ScoreRow scoreUser)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(userIds);
        ArgumentNullException.ThrowIfNull(scoreUser);
        ArgumentOutOfRangeException.ThrowIfLessThan(k, 1);
        options ??= RecommendOptions.Default;

        var users = data.UserVocabulary;
        var items = data.ItemVocabulary;
        var seen = data.SeenItems;
        var forAll = MapSorted(options.ExcludeItemsForAllUsers, items);
        return Run(userIds, k, items, (int row, List<int> scratch, out ReadOnlySpan<int> excluded) =>
        {
            excluded = ReadOnlySpan<int>.Empty;
            if (!users.TryGetIndex(userIds[row], out var userIndex))
            {
                return -1;
            }

            var seenRow = options.ExcludeSeen ? seen.ItemsOf(userIndex) : ReadOnlySpan<int>.Empty;
            int[]? extra = null;
            options.ExcludeItemsByUser?.TryGetValue(userIds[row], out extra);
            if ((extra is null || extra.Length == 0) && forAll.Length == 0)
            {
                excluded = seenRow;
                return userIndex;
            }

            scratch.Clear();
            foreach (var itemIndex in seenRow)
            {
                scratch.Add(itemIndex);
            }

            scratch.AddRange(forAll);
            if (extra is not null)
            {
                foreach (var movieId in extra)
                {
                    if (items.TryGetIndex(movieId, out var itemIndex))
                    {
                        scratch.Add(itemIndex);
                    }
                }
            }

            scratch.Sort();
            excluded = CollectionsMarshal.AsSpan(scratch);
            return userIndex;
        }, scoreUser);
    }

    /// <summary>Top-k similar items per query movie, the query itself excluded.</summary>
    public static Recommendations SimilarItems(IdVocabulary items, int[] movieIds, int k, ScoreRow scoreItem)
    {
        ArgumentNullException.ThrowIfNull(items);
        ArgumentNullException.ThrowIfNull(movieIds);
        ArgumentNullException.ThrowIfNull(scoreItem);
        ArgumentOutOfRangeException.ThrowIfLessThan(k, 1);
        return Run(movieIds, k, items, (int row, List<int> scratch, out ReadOnlySpan<int> excluded) =>
        {
            excluded = ReadOnlySpan<int>.Empty;
            if (!items.TryGetIndex(movieIds[row], out var itemIndex))
            {
                return -1;
            }

            scratch.Clear();
            scratch.Add(itemIndex);
            excluded = CollectionsMarshal.AsSpan(scratch);
            return itemIndex;
        }, scoreItem);
    }

    /// <summary>Maps a row to its query index (-1 when unknown) and the sorted item indices to leave out.</summary>
    private delegate int ResolveRow(int row, List<int> scratch, out ReadOnlySpan<int> sortedExcluded);

    private static Recommendations Run(int[] queryIds, int k, IdVocabulary items, ResolveRow resolve, ScoreRow score)
    {
        var rows = queryIds.Length;
        var stride = Math.Min(k, items.Count);
        var ids = new int[(long)rows * stride];
        var values = new float[ids.Length];
        var lengths = new int[rows];
        if (rows > 0 && stride > 0)
        {
            var chunk = Math.Max(1, Math.Min(256, rows / (4 * Environment.ProcessorCount) + 1));
            Parallel.ForEach(Partitioner.Create(0, rows, chunk), range =>
            {
                var scoreRow = new float[items.Count];
                var scratch = new List<int>();
                for (var row = range.Item1; row < range.Item2; row++)
                {
                    var queryIndex = resolve(row, scratch, out var excluded);
                    if (queryIndex < 0)
                    {
                        continue;
                    }

                    score(queryIndex, scoreRow);
                    var rowIds = ids.AsSpan(row * stride, stride);
                    var count = TopK.Select(scoreRow, stride, excluded, rowIds, values.AsSpan(row * stride, stride));
                    for (var i = 0; i < count; i++)
                    {
                        rowIds[i] = items.IdAt(rowIds[i]);
                    }

                    lengths[row] = count;
                }
            });
        }

        return Recommendations.FromStrided((int[])queryIds.Clone(), stride, lengths, ids, values);
    }

    private static int[] MapSorted(IReadOnlyCollection<int>? movieIds, IdVocabulary items)
    {
        if (movieIds is null || movieIds.Count == 0)
        {
            return [];
        }

        var result = new List<int>(movieIds.Count);
        foreach (var movieId in movieIds)
        {
            if (items.TryGetIndex(movieId, out var index))
            {
                result.Add(index);
            }
        }

        result.Sort();
        return result.ToArray();
    }
}
