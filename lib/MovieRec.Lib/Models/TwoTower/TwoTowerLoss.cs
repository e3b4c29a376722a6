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

    /// <summary>
    /// Knowledge distillation from EASE (session 6): inside Fit an <see cref="Baselines.Ease"/> teacher
    /// (λ = <see cref="TwoTowerOptions.TeacherLambda"/>) is fitted on exactly the ratings the student trains on and
    /// scores every (user, movie); one example per user, and the loss is the squared difference between the
    /// teacher's scores and the student's dot products over the movies the user has NOT rated (rated movies are
    /// excluded at recommendation anyway), summed per user and averaged over the batch's users. Precomputes a
    /// users × movies float matrix, so it refuses data where that exceeds 2 GiB. Start from
    /// <see cref="TwoTowerOptions.EaseDistilled"/>.
    /// </summary>
    EaseDistillation,
}
