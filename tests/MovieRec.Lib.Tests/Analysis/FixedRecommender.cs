using MovieRec.Models;

namespace MovieRec.Tests.Analysis;

/// <summary>A stand-in model with hand-written lists: Recommend and SimilarItems return the rows given, cut to k.</summary>
internal sealed class FixedRecommender(IReadOnlyDictionary<int, int[]> userLists, IReadOnlyDictionary<int, int[]> similarLists) : IRecommender
{
    public string Name => "Fixed";

    public void Fit(TrainingData data)
    {
    }

    public Recommendations Recommend(int[] userIds, int k, RecommendOptions? options = null) => Rows(userIds, userLists, k);

    public float[] Score(int[] userIds, int[] movieIds) => new float[userIds.Length];

    public Recommendations SimilarItems(int[] movieIds, int k) => Rows(movieIds, similarLists, k);

    public void Save(string directory) => throw new NotSupportedException();

    private static Recommendations Rows(int[] queries, IReadOnlyDictionary<int, int[]> lists, int k)
    {
        var rows = queries.Select(q => lists.GetValueOrDefault(q, []).Take(k).ToArray()).ToArray();
        // Scores 10, 9, … (exact in float) so a test can tell the ranks apart.
        var scores = rows.Select(r => r.Select((_, i) => 10f - i).ToArray()).ToArray();
        return Recommendations.FromRows(queries, rows, scores);
    }
}
