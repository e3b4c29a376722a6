using MovieRec.Torch;
using MovieRec.Training;
using static TorchSharp.torch;

namespace MovieRec.Tests.Training;

[Collection(TorchCollection.Name)]
public sealed class RetrievalValidatorTests
{
    [Fact]
    public void RecallAndNdcgMatchAHandComputedExample()
    {
        TorchNative.EnsureLoaded();
        // Items lie on a line: item i has vector (i); user 0 scores by +x (prefers 4, 3, 2 …), user 1 by −x.
        using var items = tensor(new float[] { 0, 1, 2, 3, 4 }, [5, 1]);
        using var users = tensor(new float[] { 1, -1, 1 }, [3, 1]);
        // User 0: item 4 seen (excluded); relevant {3, 0}. Top-2 = [3, 2] → 1 hit at rank 1.
        // User 1: nothing excluded; relevant {1}. Top-2 = [0, 1] → hit at rank 2.
        // User 2: no relevant items → not counted.
        using var validator = new RetrievalValidator(
            itemCount: 5, excludedOffsets: [0, 1, 1, 1], excludedItems: [4], relevantOffsets: [0, 2, 3, 3], relevantItems: [3, 0, 1], k: 2);

        var metrics = validator.Evaluate(users, items);

        Assert.Equal(2, validator.UserCount);
        Assert.Equal((0.5 + 1.0) / 2, metrics["recall@2"], 6);
        var ndcgUser0 = 1.0 / (1.0 + (1.0 / Math.Log2(3)));
        var ndcgUser1 = 1.0 / Math.Log2(3);
        Assert.Equal((ndcgUser0 + ndcgUser1) / 2, metrics["ndcg@2"], 6);
    }
}
