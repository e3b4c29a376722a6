namespace MovieRec.Models;

/// <summary>
/// The one interface every recommender implements, batch first: evaluation, notebooks and the
/// leaderboard only ever hold an <see cref="IRecommender"/>.
/// </summary>
/// <remarks>
/// Contract (checked by the conformance test base class every model's tests inherit):
/// <list type="bullet">
/// <item><see cref="Fit"/> throws <see cref="ArgumentException"/> (parameter "data") for an empty training
/// set or one the model cannot learn from; it never fails with another exception type on small data.</item>
/// <item>Before <see cref="Fit"/> (or <c>Load</c>) every other member throws <see cref="InvalidOperationException"/>.</item>
/// <item>The catalogue is the set of movies in the training ratings. Unknown users get an empty row from
/// <see cref="Recommend"/>; unknown movies get an empty row from <see cref="SimilarItems"/>; pairs with an
/// unknown user or movie score <see cref="float.NaN"/> in <see cref="Score"/>.</item>
/// <item>Rows are sorted by score descending, ties broken by the lower movie index (ascending raw id), ids
/// within a row are distinct, and a row holds min(k, available) items.</item>
/// <item>Results are deterministic: the same fitted model gives the same rows for a user whether it is
/// asked alone or in a batch, and after <see cref="Save"/> then load.</item>
/// <item>Implementations are safe to call concurrently for reads after fitting.</item>
/// </list>
/// Loading: every implementation exposes <c>public static TModel Load(string directory)</c>, and its
/// <see cref="Save"/> writes a manifest with <see cref="RecommenderStore.WriteManifest"/> so that
/// <see cref="RecommenderStore.Load"/> can load any saved model without knowing its type.
/// </remarks>
public interface IRecommender
{
    /// <summary>Short display name for tables and charts, e.g. "Popularity" or "ItemKnn(k=50)".</summary>
    string Name { get; }

    /// <summary>Learns from the training data, replacing anything learned before.</summary>
    /// <exception cref="ArgumentException">The training set is empty or too small for this model.</exception>
    void Fit(TrainingData data);

    /// <summary>
    /// Top-<paramref name="k"/> movies for each user, one row per entry of <paramref name="userIds"/>
    /// (same order; duplicates allowed). By default the user's training movies are excluded.
    /// </summary>
    /// <param name="userIds">Raw MovieLens user ids.</param>
    /// <param name="k">Items per row, at least 1; rows are shorter when fewer movies are available.</param>
    /// <param name="options">Exclusions; null means <see cref="RecommendOptions.Default"/>.</param>
    Recommendations Recommend(int[] userIds, int k, RecommendOptions? options = null);

    /// <summary>
    /// The model's score for each (user, movie) pair: <c>result[i]</c> scores
    /// (<paramref name="userIds"/>[i], <paramref name="movieIds"/>[i]). Scores are comparable within one
    /// user and equal those <see cref="Recommend"/> reports. NaN when the user or movie is unknown.
    /// </summary>
    float[] Score(int[] userIds, int[] movieIds);

    /// <summary>
    /// The <paramref name="k"/> movies most similar to each query movie (the query itself excluded),
    /// one row per query; unknown movies get an empty row.
    /// </summary>
    Recommendations SimilarItems(int[] movieIds, int k);

    /// <summary>
    /// Writes everything needed to recommend into <paramref name="directory"/> (created when missing)
    /// including manifest.json; each file is written atomically.
    /// </summary>
    void Save(string directory);
}
