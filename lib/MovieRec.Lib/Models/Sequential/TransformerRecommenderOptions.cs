using MovieRec.Training;

namespace MovieRec.Models.Sequences;

/// <summary>
/// Settings of <see cref="TransformerRecommender"/> (SASRec, Kang and McAuley 2018). Defaults come from a short
/// search on ml-latest-small under leave-last-one-out (docs/alternative-models.md). The architecture fields
/// (<see cref="MaximumSequenceLength"/>, <see cref="EmbeddingDimension"/>, <see cref="NumberOfBlocks"/>,
/// <see cref="NumberOfHeads"/>) must match a saved model's weights.
/// </summary>
public sealed record TransformerRecommenderOptions
{
    /// <summary>
    /// How many of a user's latest movies the model reads (older ones are cut off; shorter histories are
    /// padded on the left). Training splits longer histories into windows of this length. Default 50.
    /// </summary>
    public int MaximumSequenceLength { get; init; } = 50;

    /// <summary>Size of the movie and position embeddings and of every hidden layer. Default 64.</summary>
    public int EmbeddingDimension { get; init; } = 64;

    /// <summary>Number of causal self-attention blocks. Default 2.</summary>
    public int NumberOfBlocks { get; init; } = 2;

    /// <summary>Attention heads per block; must divide <see cref="EmbeddingDimension"/>. Default 1 (as in the paper).</summary>
    public int NumberOfHeads { get; init; } = 1;

    /// <summary>Dropout on the embeddings, the attention weights and the feed-forward layers during training. Default 0.2.</summary>
    public double Dropout { get; init; } = 0.2;

    /// <summary>
    /// A positive value trains with a sampled softmax: at every position the true next movie competes with this
    /// many movies drawn per batch in proportion to their training frequency (shared by the batch's positions;
    /// accidental hits masked; logits corrected by −log of the sampling probability).
    /// 0 uses the full softmax cross-entropy over the whole catalogue, which costs positions × catalogue × d per
    /// batch: on ml-latest-small about ten times the rest of the network (an epoch took 610 s on the loaded
    /// 2-core machine). Default 1,024.
    /// </summary>
    public int SampledNegatives { get; init; } = 1_024;

    /// <summary>
    /// Hold out each user's last training movie (users with at least 3) and early-stop on next-item
    /// NDCG@<see cref="ValidationCutoff"/> of predicting it from the rest. False trains all epochs on every
    /// movie and keeps the last weights. Default true.
    /// </summary>
    public bool ValidateOnLastItem { get; init; } = true;

    /// <summary>Cut-off of the validation metrics. Default 10.</summary>
    public int ValidationCutoff { get; init; } = 10;

    /// <summary>Largest number of users scored per validation (evenly spaced), to bound its cost on large data. Default 2,000.</summary>
    public int ValidationUsers { get; init; } = 2_000;

    /// <summary>
    /// Training loop settings. Default: at most 20 epochs, batch 128 windows, AdamW at 0.004 with cosine decay
    /// and weight decay 0.01, patience 3 on validation NDCG@10, seed 42 (40 epochs at 0.002 reached a lower
    /// HR@10 in more time, docs/alternative-models.md).
    /// </summary>
    public TrainingOptions Training { get; init; } = new()
    {
        Epochs = 20,
        BatchSize = 128,
        LearningRate = 4e-3,
        WeightDecay = 0.01,
        Patience = 3,
    };

    /// <summary>Throws <see cref="ArgumentException"/> naming <paramref name="parameterName"/> for an invalid value.</summary>
    public void Validate(string parameterName = "options")
    {
        NeuralLayers.Require(MaximumSequenceLength >= 1, "MaximumSequenceLength must be at least 1", parameterName);
        NeuralLayers.Require(EmbeddingDimension >= 1, "EmbeddingDimension must be at least 1", parameterName);
        NeuralLayers.Require(NumberOfBlocks >= 1, "NumberOfBlocks must be at least 1", parameterName);
        NeuralLayers.Require(
            NumberOfHeads >= 1 && EmbeddingDimension % NumberOfHeads == 0,
            "NumberOfHeads must be at least 1 and divide EmbeddingDimension",
            parameterName);
        NeuralLayers.Require(Dropout is >= 0 and < 1, "Dropout must be in [0, 1)", parameterName);
        NeuralLayers.Require(SampledNegatives >= 0, "SampledNegatives must not be negative", parameterName);
        NeuralLayers.Require(ValidationCutoff >= 1, "ValidationCutoff must be at least 1", parameterName);
        NeuralLayers.Require(ValidationUsers >= 1, "ValidationUsers must be at least 1", parameterName);
        NeuralLayers.Require(Training is not null, "Training must not be null", parameterName);
        Training!.Validate(parameterName);
    }
}
