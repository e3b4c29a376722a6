using MovieRec.Data;
using static TorchSharp.torch;

namespace MovieRec.Models.Sequences;

/// <summary>
/// Each user's training movies in the order they were rated, as item indices in CSR form: user index u has
/// <c>ItemIndices[Offsets[u]..Offsets[u+1]]</c>, oldest first. Order: timestamp, then movie id for equal
/// timestamps (MovieLens stores whole sessions under one second, and the movie id is the order the
/// leave-last-out splitter also uses for ml-latest-small, whose file is sorted by movie within a user). A
/// movie rated twice keeps only its latest position, matching <see cref="SeenItems"/>.
/// </summary>
internal sealed class UserSequences
{
    private UserSequences(int[] offsets, int[] itemIndices)
    {
        Offsets = offsets;
        ItemIndices = itemIndices;
    }

    /// <summary>Row starts, length users + 1.</summary>
    public int[] Offsets { get; }

    /// <summary>Item indices, chronological within each row.</summary>
    public int[] ItemIndices { get; }

    /// <summary>Number of users (rows).</summary>
    public int UserCount => Offsets.Length - 1;

    /// <summary>One user's movies, oldest first.</summary>
    public ReadOnlySpan<int> Of(int userIndex) => ItemIndices.AsSpan(Offsets[userIndex], Offsets[userIndex + 1] - Offsets[userIndex]);

    /// <summary>Builds the sequences of every user of <paramref name="users"/>.</summary>
    public static UserSequences Build(RatingsTable ratings, IdVocabulary users, IdVocabulary items)
    {
        var perUser = new List<(long Time, int MovieId, int Item)>[users.Count];
        for (var u = 0; u < perUser.Length; u++)
        {
            perUser[u] = [];
        }

        for (var r = 0; r < ratings.Count; r++)
        {
            perUser[users.IndexOf(ratings.UserIds[r])].Add((ratings.Timestamps[r], ratings.MovieIds[r], items.IndexOf(ratings.MovieIds[r])));
        }

        var offsets = new int[users.Count + 1];
        var indices = new List<int>(ratings.Count);
        var seen = new HashSet<int>();
        var row = new List<int>();
        for (var u = 0; u < perUser.Length; u++)
        {
            var events = perUser[u];
            events.Sort();
            seen.Clear();
            row.Clear();
            for (var i = events.Count - 1; i >= 0; i--)
            {
                if (seen.Add(events[i].Item))
                {
                    row.Add(events[i].Item);
                }
            }

            row.Reverse();
            indices.AddRange(row);
            offsets[u + 1] = indices.Count;
        }

        return new UserSequences(offsets, indices.ToArray());
    }

    /// <summary>
    /// Splits off each user's last movie when the user has at least <paramref name="minimumLength"/>: returns
    /// the shortened sequences and, per user, the held-out item index (−1 for users left whole).
    /// </summary>
    public (UserSequences Prefixes, int[] HeldOut) WithoutLast(int minimumLength)
    {
        var offsets = new int[Offsets.Length];
        var indices = new List<int>(ItemIndices.Length);
        var heldOut = new int[UserCount];
        for (var u = 0; u < UserCount; u++)
        {
            var sequence = Of(u);
            var holdOut = sequence.Length >= minimumLength;
            heldOut[u] = holdOut ? sequence[^1] : -1;
            foreach (var item in holdOut ? sequence[..^1] : sequence)
            {
                indices.Add(item);
            }

            offsets[u + 1] = indices.Count;
        }

        return (new UserSequences(offsets, indices.ToArray()), heldOut);
    }

    /// <summary>
    /// Training windows as an int64 tensor [windows, length + 1] of item index + 1 (0 = left padding): each
    /// user's sequence is cut from the end into windows of length + 1 movies overlapping by one, so every
    /// movie but a user's first is a prediction target exactly once. Users with one movie give none.
    /// </summary>
    public Tensor TrainingWindows(int length)
    {
        var windows = new List<long[]>();
        for (var u = 0; u < UserCount; u++)
        {
            var sequence = Of(u);
            for (var end = sequence.Length; end >= 2; end -= length)
            {
                var start = Math.Max(0, end - length - 1);
                var window = new long[length + 1];
                var slice = sequence[start..end];
                for (var i = 0; i < slice.Length; i++)
                {
                    window[length + 1 - slice.Length + i] = slice[i] + 1L;
                }

                windows.Add(window);
            }
        }

        var flat = new long[(long)windows.Count * (length + 1)];
        for (var w = 0; w < windows.Count; w++)
        {
            windows[w].CopyTo(flat, (long)w * (length + 1));
        }

        return tensor(flat, [windows.Count, length + 1]);
    }

    /// <summary>The last <paramref name="length"/> movies of each listed user, left-padded: int64 [users, length].</summary>
    public Tensor Tails(IReadOnlyList<int> userIndices, int length)
    {
        var flat = new long[(long)userIndices.Count * length];
        for (var r = 0; r < userIndices.Count; r++)
        {
            FillTail(Of(userIndices[r]), flat.AsSpan(r * length, length));
        }

        return tensor(flat, [userIndices.Count, length]);
    }

    /// <summary>Writes the last movies of <paramref name="sequence"/> (item indices) into <paramref name="row"/> as index + 1, left-padded with 0.</summary>
    public static void FillTail(ReadOnlySpan<int> sequence, Span<long> row)
    {
        row.Clear();
        var take = Math.Min(sequence.Length, row.Length);
        var tail = sequence[^take..];
        for (var i = 0; i < take; i++)
        {
            row[row.Length - take + i] = tail[i] + 1L;
        }
    }
}
