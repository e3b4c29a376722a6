using MovieRec.Features;
using MovieRec.Models.Neural;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace MovieRec.Models.Ranking;

/// <summary>
/// The ranking network: r̂(u, i) = μ + b_u + b_i + [p_u · q_i] + MLP([p_u ; q_i ; ḡ_i ; y_i]), where ḡ_i is
/// the mean of the movie's genre embeddings, y_i its release-year-bucket embedding (left out when the
/// year dimension is 0) and the dot product an optional matrix-factorisation term. The biases carry "this
/// user rates high / this movie is liked", so the MLP only has to learn the interaction, including the
/// user × genre and user × era tastes that plain matrix factorisation has to infer from ids alone.
/// </summary>
/// <remarks>
/// The genre rows (each movie's genres, weighted 1/count so a product with the genre table is the mean) and
/// the year buckets are buffers: they travel with the weights, and a checkpoint of another catalogue fails to
/// load with a shape error instead of silently mixing movies.
/// </remarks>
public sealed class RankingModule : PairScoringModule
{
    private readonly Embedding user_embedding;
    private readonly Embedding item_embedding;
    private readonly Embedding genre_embedding;
    private readonly Embedding? year_embedding;
    private readonly Embedding user_bias;
    private readonly Embedding item_bias;
    private readonly Sequential mlp;
    private readonly Parameter global_bias;
    private readonly Tensor genre_weights;
    private readonly Tensor year_buckets;
    private readonly bool use_dot_product;
    private readonly double regularization;

    /// <param name="userCount">Users.</param>
    /// <param name="features">Genres and year buckets of every catalogue item (its item count is the catalogue size).</param>
    /// <param name="options">Architecture settings (dimensions, MLP, dropout, initial scale, penalty).</param>
    /// <param name="meanRating">Initial value of μ.</param>
    public RankingModule(long userCount, ItemFeatureTable features, RankingModelOptions options, float meanRating)
        : base(nameof(RankingModule))
    {
        ArgumentNullException.ThrowIfNull(features);
        ArgumentNullException.ThrowIfNull(options);
        var d = options.EmbeddingDimension;
        user_embedding = NeuralLayers.Embedding(userCount, d, options.InitialScale);
        item_embedding = NeuralLayers.Embedding(features.ItemCount, d, options.InitialScale);
        genre_embedding = NeuralLayers.Embedding(features.Genres.Length, options.GenreEmbeddingDimension, options.InitialScale);
        if (options.YearEmbeddingDimension > 0)
        {
            year_embedding = NeuralLayers.Embedding(features.YearBucketCount, options.YearEmbeddingDimension, options.InitialScale);
        }

        user_bias = NeuralLayers.Embedding(userCount, 1, 0);
        item_bias = NeuralLayers.Embedding(features.ItemCount, 1, 0);
        var inputSize = (2L * d) + options.GenreEmbeddingDimension + options.YearEmbeddingDimension;
        mlp = NeuralLayers.Mlp(inputSize, options.HiddenSizes, options.Dropout, outputSize: 1);
        global_bias = nn.Parameter(tensor(meanRating));
        genre_weights = tensor(MeanWeights(features), [features.ItemCount, features.Genres.Length]);
        year_buckets = tensor(features.YearBuckets.Select(b => (long)b).ToArray(), [features.ItemCount]);
        use_dot_product = options.UseDotProduct;
        regularization = options.Regularization;
        RegisterComponents();
    }

    /// <inheritdoc/>
    public override Tensor Score(Tensor users, Tensor items)
    {
        var p = user_embedding.forward(users);
        var q = item_embedding.forward(items);
        var genres = genre_weights.index_select(0, items).matmul(genre_embedding.weight!);
        Tensor[] parts = year_embedding is null
            ? [p, q, genres]
            : [p, q, genres, year_embedding.forward(year_buckets.index_select(0, items))];
        var interaction = mlp.forward(cat(parts, 1)).squeeze(1);
        List<Tensor> terms = [interaction, user_bias.forward(users).squeeze(1), item_bias.forward(items).squeeze(1), global_bias.expand_as(interaction)];
        if (use_dot_product)
        {
            terms.Add((p * q).sum(1));
        }

        // A sum over a stack rather than "a + b": TorchSharp's tensor + tensor passes a Scalar alpha, and under
        // Recommend's parallel per-user calls that Scalar intermittently failed ("toFloat" check in add_Tensor).
        return stack(terms, 0).sum(dim: 0);
    }

    /// <inheritdoc/>
    public override Tensor ItemVectors() => item_embedding.weight!;

    /// <inheritdoc/>
    public override Tensor Penalty(Tensor users, Tensor items) =>
        BiasedEmbeddingPenalty(regularization, users, items, user_embedding, item_embedding, user_bias, item_bias);

    /// <summary>Items × genres, each item's row 1/count on its genres (every item has at least genre 0).</summary>
    private static float[] MeanWeights(ItemFeatureTable features)
    {
        var weights = features.GenreMultiHot();
        var genreCount = features.Genres.Length;
        for (var i = 0; i < features.ItemCount; i++)
        {
            var count = features.GenreOffsets[i + 1] - features.GenreOffsets[i];
            for (var p = features.GenreOffsets[i]; p < features.GenreOffsets[i + 1]; p++)
            {
                weights[((long)i * genreCount) + features.GenreIndices[p]] = 1f / count;
            }
        }

        return weights;
    }
}
