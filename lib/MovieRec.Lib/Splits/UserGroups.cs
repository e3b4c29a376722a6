namespace MovieRec.Splits;

/// <summary>
/// Row indices of a ratings table grouped by user: users in ascending id order, each user's rows in
/// ascending (original) row order. Built with a counting sort when the id range is compact (the
/// MovieLens case: linear time, two int arrays, no per-user objects) and otherwise with one sort of
/// 64-bit (user, row) keys, which is stable by construction. Both give the same result.
/// </summary>
internal sealed class UserGroups
{
    private UserGroups(int[] rows, int[] starts, int[] userIds)
    {
        Rows = rows;
        Starts = starts;
        UserIds = userIds;
    }

    /// <summary>Row indices, grouped by user. Splitters may reorder rows inside a group.</summary>
    public int[] Rows { get; }

    /// <summary>Group g occupies <c>Rows[Starts[g]..Starts[g + 1]]</c>; length <see cref="Count"/> + 1.</summary>
    public int[] Starts { get; }

    /// <summary>The user id of each group, ascending.</summary>
    public int[] UserIds { get; }

    /// <summary>Number of distinct users.</summary>
    public int Count => UserIds.Length;

    /// <summary>Number of rows of group <paramref name="group"/>.</summary>
    public int Length(int group) => Starts[group + 1] - Starts[group];

    /// <summary>The rows of group <paramref name="group"/>, writable.</summary>
    public Span<int> RowsOf(int group) => Rows.AsSpan(Starts[group], Length(group));

    public static UserGroups Build(int[] userIds)
    {
        if (userIds.Length == 0)
        {
            return new UserGroups([], [0], []);
        }

        var min = int.MaxValue;
        var max = int.MinValue;
        foreach (var id in userIds)
        {
            if (id < min)
            {
                min = id;
            }

            if (id > max)
            {
                max = id;
            }
        }

        var range = (long)max - min + 1;
        // A counting array larger than a few times the row count would cost more than sorting.
        return range <= Math.Max(1L << 16, 4L * userIds.Length)
            ? BuildByCounting(userIds, min, (int)range)
            : BuildBySorting(userIds);
    }

    private static UserGroups BuildByCounting(int[] userIds, int min, int range)
    {
        var positions = new int[range + 1];
        foreach (var id in userIds)
        {
            positions[id - min + 1]++;
        }

        var groupCount = 0;
        for (var v = 1; v <= range; v++)
        {
            if (positions[v] > 0)
            {
                groupCount++;
            }

            positions[v] += positions[v - 1];
        }

        // positions[v] is now where value v's rows start.
        var starts = new int[groupCount + 1];
        var groupUsers = new int[groupCount];
        var g = 0;
        for (var v = 0; v < range; v++)
        {
            if (positions[v + 1] > positions[v])
            {
                starts[g] = positions[v];
                groupUsers[g] = v + min;
                g++;
            }
        }

        starts[groupCount] = userIds.Length;
        var rows = new int[userIds.Length];
        for (var r = 0; r < userIds.Length; r++)
        {
            rows[positions[userIds[r] - min]++] = r;
        }

        return new UserGroups(rows, starts, groupUsers);
    }

    private static UserGroups BuildBySorting(int[] userIds)
    {
        // (user << 32) | row orders by user, then by row: a stable grouping from an unstable sort.
        var keys = new long[userIds.Length];
        for (var r = 0; r < keys.Length; r++)
        {
            keys[r] = ((long)userIds[r] << 32) | (uint)r;
        }

        Array.Sort(keys);
        var rows = new int[keys.Length];
        var starts = new List<int>();
        var groupUsers = new List<int>();
        for (var i = 0; i < keys.Length; i++)
        {
            rows[i] = (int)(keys[i] & 0xFFFF_FFFF);
            var user = (int)(keys[i] >> 32);
            if (i == 0 || user != groupUsers[^1])
            {
                starts.Add(i);
                groupUsers.Add(user);
            }
        }

        starts.Add(keys.Length);
        return new UserGroups(rows, starts.ToArray(), groupUsers.ToArray());
    }
}
