using MovieRec.Models.TwoTower;

namespace MovieRec.Tests.Models.TwoTower;

/// <summary>
/// The accidental-hit mask of the in-batch loss: candidate c is masked for row r when it is one of the row user's
/// training items, except on the diagonal (the row's own positive).
/// </summary>
public sealed class TwoTowerAccidentalHitsTests
{
    // CSR of 3 users over 6 items: user 0 = {0, 2, 5}, user 1 = {1, 2}, user 2 = {} (no items).
    private static readonly int[] Offsets = [0, 3, 5, 5];
    private static readonly int[] Items = [0, 2, 5, 1, 2];

    private static byte[] Mask(long[] rowUsers, long[] columnItems, int[] head)
    {
        var mask = new byte[rowUsers.Length * columnItems.Length];
        TwoTowerTrainingTask.MarkAccidentalHits(rowUsers, columnItems, Offsets, Items, head, mask);
        return mask;
    }

    private static int[] EmptyHead() => Enumerable.Repeat(-1, 6).ToArray();

    [Fact]
    public void MasksOtherTrainingItemsOfTheRowUserButNotTheDiagonal()
    {
        // Rows: (user 0, positive 0), (user 1, positive 1), (user 0, positive 2), (user 2, positive 3).
        long[] users = [0, 1, 0, 2];
        long[] candidates = [0, 1, 2, 3];

        var mask = Mask(users, candidates, EmptyHead());

        byte[] expected =
        [
            0, 0, 1, 0, // user 0 rated 0 (its own positive: kept) and 2
            0, 0, 1, 0, // user 1 rated 1 (own positive) and 2
            1, 0, 0, 0, // user 0 rated 0; 2 is the row's own positive
            0, 0, 0, 0, // user 2 rated nothing
        ];
        Assert.Equal(expected, mask);
    }

    [Fact]
    public void RepeatedCandidatesAndExtraColumnsAreAllMasked()
    {
        // Item 2 is the positive of two rows; columns 3 and 4 are extra negatives (5 and 4) beyond the rows.
        long[] users = [1, 0, 0];
        long[] candidates = [2, 2, 0, 5, 4];

        var mask = Mask(users, candidates, EmptyHead());

        byte[] expected =
        [
            0, 1, 0, 0, 0, // user 1 has 2 (both columns, the diagonal excepted)
            1, 0, 1, 1, 0, // user 0 has 2, 0 and 5
            1, 1, 0, 1, 0, // user 0 again; column 2 is its own positive
        ];
        Assert.Equal(expected, mask);
    }

    [Fact]
    public void MatchesABruteForceCheckAndLeavesTheScratchClean()
    {
        var random = new Random(42);
        var head = EmptyHead();
        for (var trial = 0; trial < 20; trial++)
        {
            var users = Enumerable.Range(0, 7).Select(_ => (long)random.Next(3)).ToArray();
            var candidates = Enumerable.Range(0, 9).Select(_ => (long)random.Next(6)).ToArray();

            var mask = Mask(users, candidates, head);

            for (var r = 0; r < users.Length; r++)
            {
                var user = (int)users[r];
                for (var c = 0; c < candidates.Length; c++)
                {
                    var rated = Items.AsSpan(Offsets[user], Offsets[user + 1] - Offsets[user]).Contains((int)candidates[c]);
                    Assert.Equal(rated && r != c ? 1 : 0, mask[(r * candidates.Length) + c]);
                }
            }

            Assert.All(head, h => Assert.Equal(-1, h));
        }
    }
}
