namespace MovieRec.Data;

/// <summary>
/// Finds repeated (user, movie) pairs in parallel id columns in near-linear time for the usual
/// MovieLens order (grouped by user), with a sort of the whole table only as the fallback.
/// </summary>
internal static class DuplicateFinder
{
    /// <summary>
    /// Yields (row, firstRow) for every row whose pair already occurred at the earlier row firstRow.
    /// Rows come user group by user group (by file order when the file is grouped by user).
    /// </summary>
    public static IEnumerable<(int Row, int FirstRow)> Find(int[] userIds, int[] movieIds)
    {
        ArgumentNullException.ThrowIfNull(userIds);
        ArgumentNullException.ThrowIfNull(movieIds);
        return IsGroupedByUser(userIds) ? FindWithinUserRuns(userIds, movieIds) : FindBySorting(userIds, movieIds);
    }

    /// <summary>True when each user's rows are contiguous in ascending user order (all GroupLens files).</summary>
    private static bool IsGroupedByUser(int[] userIds)
    {
        for (var i = 1; i < userIds.Length; i++)
        {
            if (userIds[i] < userIds[i - 1])
            {
                return false;
            }
        }

        return true;
    }

    private static IEnumerable<(int Row, int FirstRow)> FindWithinUserRuns(int[] userIds, int[] movieIds)
    {
        long[] scratch = [];
        for (var start = 0; start < userIds.Length;)
        {
            var end = start + 1;
            var ascending = true;
            while (end < userIds.Length && userIds[end] == userIds[start])
            {
                ascending &= movieIds[end] > movieIds[end - 1];
                end++;
            }

            if (!ascending)
            {
                // Sort (movie, row) keys: equal movies become neighbours, earliest row first.
                var length = end - start;
                if (scratch.Length < length)
                {
                    scratch = new long[Math.Max(length, scratch.Length * 2)];
                }

                for (var i = 0; i < length; i++)
                {
                    scratch[i] = ((long)movieIds[start + i] << 32) | (uint)(start + i);
                }

                Array.Sort(scratch, 0, length);
                var first = 0;
                for (var i = 1; i < length; i++)
                {
                    if (scratch[i] >> 32 == scratch[first] >> 32)
                    {
                        yield return ((int)(uint)scratch[i], (int)(uint)scratch[first]);
                    }
                    else
                    {
                        first = i;
                    }
                }
            }

            start = end;
        }
    }

    private static IEnumerable<(int Row, int FirstRow)> FindBySorting(int[] userIds, int[] movieIds)
    {
        var keys = new long[userIds.Length];
        var rows = new int[userIds.Length];
        for (var i = 0; i < keys.Length; i++)
        {
            keys[i] = ((long)userIds[i] << 32) | (uint)movieIds[i];
            rows[i] = i;
        }

        Array.Sort(keys, rows);
        for (var start = 0; start < keys.Length;)
        {
            var end = start + 1;
            var firstRow = rows[start];
            while (end < keys.Length && keys[end] == keys[start])
            {
                firstRow = Math.Min(firstRow, rows[end]);
                end++;
            }

            for (var i = start; i < end; i++)
            {
                if (rows[i] != firstRow)
                {
                    yield return (rows[i], firstRow);
                }
            }

            start = end;
        }
    }
}
