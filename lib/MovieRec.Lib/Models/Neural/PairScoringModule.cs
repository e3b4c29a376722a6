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
}
