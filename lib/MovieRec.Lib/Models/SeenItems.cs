using MovieRec.Data;

namespace MovieRec.Models;

/// <summary>
/// Each user's training movies as a sparse users × items matrix in CSR form: for user index u the item
/// indices are <c>ItemIndices[Offsets[u]..Offsets[u+1]]</c>, ascending and distinct, with the rating of
/// each in <see cref="Ratings"/> at the same position. Every model needs it (to exclude seen items, and
/// most to learn from), so it lives here once.
/// </summary>
public sealed class SeenItems
{
    private SeenItems(int userCount, int itemCount, int[] offsets, int[] itemIndices, float[] ratings)
    {
        UserCount = userCount;
        ItemCount = itemCount;
        Offsets = offsets;
        ItemIndices = itemIndices;
        Ratings = ratings;
    }

    /// <summary>Number of rows (users).</summary>
    public int UserCount { get; }

    /// <summary>Number of columns (items in the catalogue).</summary>
    public int ItemCount { get; }

    /// <summary>Row starts, length <see cref="UserCount"/> + 1.</summary>
    public int[] Offsets { get; }

    /// <summary>Item indices, ascending within each row.</summary>
    public int[] ItemIndices { get; }

    /// <summary>The rating of each entry of <see cref="ItemIndices"/>.</summary>
    public float[] Ratings { get; }

    /// <summary>Number of stored (user, item) entries.</summary>
    public int Count => ItemIndices.Length;

    /// <summary>The item indices of one user, ascending.</summary>
    public ReadOnlySpan<int> ItemsOf(int userIndex) =>
        ItemIndices.AsSpan(Offsets[userIndex], Offsets[userIndex + 1] - Offsets[userIndex]);

    /// <summary>The ratings of one user, aligned with <see cref="ItemsOf"/>.</summary>
    public ReadOnlySpan<float> RatingsOf(int userIndex) =>
        Ratings.AsSpan(Offsets[userIndex], Offsets[userIndex + 1] - Offsets[userIndex]);

    /// <summary>True when the user rated the item in training (binary search).</summary>
    public bool Contains(int userIndex, int itemIndex) => ItemsOf(userIndex).BinarySearch(itemIndex) >= 0;

    /// <summary>
    /// Builds the matrix with a counting sort (O(ratings + users + items)). When a user rated the same movie
    /// more than once the rating with the latest timestamp is kept (the later row on equal timestamps).
    /// </summary>
    /// <exception cref="KeyNotFoundException">A user or movie of <paramref name="ratings"/> is not in the vocabularies.</exception>
    public static SeenItems Build(RatingsTable ratings, IdVocabulary users, IdVocabulary items)
    {
        ArgumentNullException.ThrowIfNull(ratings);
        ArgumentNullException.ThrowIfNull(users);
        ArgumentNullException.ThrowIfNull(items);

        var n = ratings.Count;
        var userIndex = new int[n];
        var counts = new int[users.Count + 1];
        for (var r = 0; r < n; r++)
        {
            userIndex[r] = users.IndexOf(ratings.UserIds[r]);
            counts[userIndex[r] + 1]++;
        }

        for (var u = 0; u < users.Count; u++)
        {
            counts[u + 1] += counts[u];
        }

        // Scatter rows into user buckets (stable: rating order is kept within a user).
        var rowsByUser = new int[n];
        var next = (int[])counts.Clone();
        for (var r = 0; r < n; r++)
        {
            rowsByUser[next[userIndex[r]]++] = r;
        }

        var itemIndices = new int[n];
        var values = new float[n];
        var offsets = new int[users.Count + 1];
        var write = 0;
        var itemBuffer = new List<(int Item, long Time, int Row)>();
        for (var u = 0; u < users.Count; u++)
        {
            offsets[u] = write;
            itemBuffer.Clear();
            for (var p = counts[u]; p < counts[u + 1]; p++)
            {
                var r = rowsByUser[p];
                itemBuffer.Add((items.IndexOf(ratings.MovieIds[r]), ratings.Timestamps[r], r));
            }

            itemBuffer.Sort();
            for (var i = 0; i < itemBuffer.Count; i++)
            {
                var isLastOfItem = i + 1 == itemBuffer.Count || itemBuffer[i + 1].Item != itemBuffer[i].Item;
                if (isLastOfItem)
                {
                    itemIndices[write] = itemBuffer[i].Item;
                    values[write] = ratings.Ratings[itemBuffer[i].Row];
                    write++;
                }
            }
        }

        offsets[users.Count] = write;
        if (write < n)
        {
            Array.Resize(ref itemIndices, write);
            Array.Resize(ref values, write);
        }

        return new SeenItems(users.Count, items.Count, offsets, itemIndices, values);
    }
}
