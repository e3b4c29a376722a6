namespace MovieRec.Models.TwoTower;

/// <summary>How <see cref="TwoTowerRecommender"/> turns scores into a training loss.</summary>
public enum TwoTowerLoss
{
    /// <summary>
    /// Softmax cross-entropy over every catalogue item per example (the user's other training items masked
    /// out). Exact, and cheap while the catalogue is small enough to encode once per batch (~10k movies).
    /// </summary>
    FullSoftmax,

    /// <summary>
    /// In-batch sampled softmax: the batch's positives (plus optional uniform negatives) are the candidates,
    /// with log-Q correction and accidental-hit removal. For catalogues too large to score per batch.
    /// </summary>
    InBatchSampledSoftmax,

    /// <summary>
    /// One example per user (Mult-DAE/Mult-VAE style, Liang et al. 2018): each epoch every user's training
    /// items are split at random into an input part, which the user tower pools, and a target part; the
    /// loss is the multinomial log-likelihood of the targets under a softmax over the whole catalogue with
    /// the input items masked out, averaged over the user's targets and then over users. This mirrors the
    /// evaluation (predict a user's held-out movies among the ones not in their history). See
    /// <see cref="TwoTowerOptions.InputFraction"/>, <see cref="TwoTowerOptions.ReconstructInput"/>,
    /// <see cref="TwoTowerOptions.PopularityBoost"/> and the tuned settings <see cref="TwoTowerOptions.UserMultinomialTuned"/>.
    /// </summary>
    UserMultinomial,
}
