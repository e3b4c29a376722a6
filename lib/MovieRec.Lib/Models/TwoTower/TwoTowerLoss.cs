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
}
