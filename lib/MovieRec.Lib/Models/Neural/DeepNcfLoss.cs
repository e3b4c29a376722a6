namespace MovieRec.Models.Neural;

/// <summary>
/// How <see cref="DeepNcf"/> turns observed (user, movie) pairs into a loss: against sampled negatives (the first
/// three) or against the whole catalogue (<see cref="FullSoftmax"/>).
/// </summary>
public enum DeepNcfLoss
{
    /// <summary>NCF's pointwise log loss: each pair is a binary example (positive 1, draw 0).</summary>
    BinaryCrossEntropy,

    /// <summary>Sampled softmax: cross-entropy of the positive among itself and its draws (a listwise loss).</summary>
    SampledSoftmax,

    /// <summary>Bayesian personalised ranking: −log σ(s⁺ − s⁻), averaged over the draws.</summary>
    Bpr,

    /// <summary>
    /// Full-catalogue multinomial likelihood (Mult-VAE's loss): per batch of users (<see cref="DeepNcfOptions.UsersPerBatch"/>)
    /// every movie is scored and each user's training movies are the targets of one softmax over all of them; no draws.
    /// </summary>
    FullSoftmax,
}
