using TorchSharp;
using static TorchSharp.torch;

namespace MovieRec.Models.Neural;

/// <summary>
/// A network that scores (user, item) pairs given as int64 index tensors: the shape shared by
/// <see cref="MatrixFactorizationModule"/>, <see cref="CfnnModule"/> and <see cref="NeuMfModule"/>, so one
/// recommender base (<see cref="PairwiseNeuralRecommender{TOptions}"/>) can rank, score and save all three.
/// </summary>
public abstract class PairScoringModule : nn.Module
{
    /// <summary>Names the module (the name prefixes nothing in the state dictionary).</summary>
    protected PairScoringModule(string name)
        : base(name)
    {
    }

    /// <summary>
    /// One score per pair: <paramref name="users"/>[n] and <paramref name="items"/>[n] → [n]. A predicted
    /// rating for rating models, a logit for implicit ones; larger means more relevant either way.
    /// </summary>
    public abstract Tensor Score(Tensor users, Tensor items);

    /// <summary>[items, d] item representations used for item-to-item similarity (cosine).</summary>
    public abstract Tensor ItemVectors();

    /// <summary>
    /// Per-example L2 penalty of the batch's embedding rows (as Funk SVD's SGD regularises only the rows it
    /// updates), a scalar added to the loss. Zero by default.
    /// </summary>
    public virtual Tensor Penalty(Tensor users, Tensor items) => zeros(1).squeeze();

    /// <summary>
    /// The biased models' penalty λ·mean(‖p_u‖² + ‖q_i‖² + b_u² + b_i²) over the batch's rows (zero when λ is 0),
    /// for modules with user and item embedding tables plus user and item bias tables.
    /// </summary>
    protected static Tensor BiasedEmbeddingPenalty(
        double regularization, Tensor users, Tensor items, nn.Module<Tensor, Tensor> userEmbedding, nn.Module<Tensor, Tensor> itemEmbedding,
        nn.Module<Tensor, Tensor> userBias, nn.Module<Tensor, Tensor> itemBias)
    {
        if (regularization == 0)
        {
            return zeros(1).squeeze();
        }

        var squares = userEmbedding.forward(users).square().sum(1) + itemEmbedding.forward(items).square().sum(1) +
            userBias.forward(users).square().squeeze(1) + itemBias.forward(items).square().squeeze(1);
        return squares.mean() * regularization;
    }
}
