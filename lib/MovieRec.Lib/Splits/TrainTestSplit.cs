using MovieRec.Data;

namespace MovieRec.Splits;

/// <summary>
/// The result of a splitter: the ratings a model may learn from (<paramref name="Train"/>) and the
/// held-out ratings it is judged on (<paramref name="Test"/>). Every splitter in this folder
/// guarantees that train and test are disjoint and together are exactly the input (as multisets of
/// rows), and that each keeps the rows in their original input order.
/// </summary>
/// <param name="Train">Ratings to fit on.</param>
/// <param name="Test">Held-out ratings.</param>
/// <param name="Description">Human-readable summary of how the split was made (method, fraction, seed).</param>
public sealed record TrainTestSplit(RatingsTable Train, RatingsTable Test, string Description = "")
{
    /// <summary>Share of all ratings that went to test (0 when the input was empty).</summary>
    public double TestShare => Train.Count + Test.Count == 0 ? 0 : (double)Test.Count / (Train.Count + Test.Count);

    /// <inheritdoc/>
    public override string ToString() =>
        $"{Description} (train {Train.Count:N0}, test {Test.Count:N0} ratings)".TrimStart();
}
