namespace MovieRec.Models.Neural;

/// <summary>How <see cref="DeepNcf"/> compares an observed (user, movie) pair with its uniformly drawn negatives.</summary>
public enum DeepNcfLoss
{
    /// <summary>NCF's pointwise log loss: each pair is a binary example (positive 1, draw 0).</summary>
    BinaryCrossEntropy,

    /// <summary>Sampled softmax: cross-entropy of the positive among itself and its draws (a listwise loss).</summary>
    SampledSoftmax,

    /// <summary>Bayesian personalised ranking: −log σ(s⁺ − s⁻), averaged over the draws.</summary>
    Bpr,
}
