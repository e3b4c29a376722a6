using MovieRec.Torch;
using MovieRec.Training;
using static TorchSharp.torch;

namespace MovieRec.Tests.Training;

[Collection(TorchCollection.Name)]
public sealed class CsrBatchTests
{
    // Three users in CSR layout: user 0 has items {4, 1}, user 1 none, user 2 items {0, 3, 2}.
    private static readonly long[] Offsets = [0, 2, 2];
    private static readonly long[] Lengths = [2, 0, 3];
    private static readonly long[] Items = [4, 1, 0, 3, 2];

    public CsrBatchTests() => TorchNative.EnsureLoaded();

    [Fact]
    public void EntriesListEachBatchUsersItemsInCsrOrder()
    {
        using var scope = NewDisposeScope();

        // Batch [user 2, user 1, user 0]: row 0 gets CSR positions 2–4, row 1 nothing, row 2 positions 0–1.
        var (rows, positions) = CsrBatch.Entries(tensor(new long[] { 2, 1, 0 }), tensor(Offsets), tensor(Lengths));

        Assert.Equal([0L, 0, 0, 2, 2], rows.data<long>().ToArray());
        Assert.Equal([2L, 3, 4, 0, 1], positions.data<long>().ToArray());
    }

    [Fact]
    public void MaskIsTrueExactlyAtTheBatchUsersItems()
    {
        using var scope = NewDisposeScope();
        var (rows, positions) = CsrBatch.Entries(tensor(new long[] { 0, 2, 1 }), tensor(Offsets), tensor(Lengths));

        var mask = CsrBatch.Mask(rows, tensor(Items).index_select(0, positions), 3, 5);

        Assert.Equal([3L, 5], mask.shape);
        bool[] expected =
        [
            false, true, false, false, true, // user 0: items 1 and 4
            true, false, true, true, false,  // user 2: items 0, 2 and 3
            false, false, false, false, false, // user 1: none
        ];
        Assert.Equal(expected, mask.reshape(-1).data<bool>().ToArray());
    }
}
