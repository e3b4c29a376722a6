using MovieRec.Training;

namespace MovieRec.Models.Neural;

/// <summary>
/// Settings of <see cref="DeepNcf"/>. Defaults come from a search on a validation split carved from the training
/// part of ml-latest-small's standard protocol (fourth and sixth rounds, docs/alternative-models.md): NeuMF with a 64-d
/// GMF branch, an 8-d MLP branch with an [8] tower and a per-movie bias, whose user vectors are history vectors
/// n_u^−0.5·Σ_{j ∈ I_u} y_j of the user's training movies (one y table per branch, no free user embeddings, half the
/// history dropped at random in each training step; <see cref="UserHistory"/>), trained with the full-catalogue softmax
/// (<see cref="DeepNcfLoss.FullSoftmax"/>, 16 users per step, user weights n_u^−0.5) for 20 epochs of AdamW at 0.01
/// with weight decay 1. Test NDCG@10 0.3707, just above item-kNN's 0.3699 (the fourth round's free user embeddings,
/// <see cref="FullSoftmaxFifthRound"/>: 0.3604; third round's sampled softmax, <see cref="SampledSoftmaxThirdRound"/>:
/// 0.307; the paper's BCE setup: 0.233). Architecture fields (<see cref="GmfDimension"/>, <see cref="MlpDimension"/>,
/// <see cref="HiddenSizes"/>, <see cref="ItemBias"/>, <see cref="UserHistory"/>, <see cref="HistoryInMlp"/>) must match a
/// saved model's weights.
/// </summary>
public sealed record DeepNcfOptions : INeuralModelOptions
{
    /// <summary>Size of the GMF branch's user and movie embeddings. Default 64 (32: validation NDCG@10 0.199 against 0.208, 128: 0.200).</summary>
    public int GmfDimension { get; init; } = 64;

    /// <summary>
    /// Size of the MLP branch's user and movie embeddings; 0 drops the MLP branch (GMF alone, <see cref="HiddenSizes"/>
    /// unused). Default 8: the full softmax runs the tower on every (user, movie) pair of a step, and the paper's 32-d
    /// branch with a [64, 32, 16] tower took ~40 s an epoch.
    /// </summary>
    public int MlpDimension { get; init; } = 8;

    /// <summary>Widths of the MLP tower (the paper's pyramid was [64, 32, 16]). Default [8] (32-d with [16] scored no better, 4× slower).</summary>
    public int[] HiddenSizes { get; init; } = [8];

    /// <summary>Dropout after each tower layer during training. Default 0.</summary>
    public double Dropout { get; init; }

    /// <summary>
    /// Dropout on the GMF user vector during training (the same mask for all movies a user is scored against in a
    /// full-softmax step): a regulariser besides the weight decay. Training only; no effect on saved weights. Default 0.
    /// </summary>
    public double GmfDropout { get; init; }

    /// <summary>Standard deviation of the initial embeddings (the paper: 0.01). Default 0.01.</summary>
    public double InitialScale { get; init; } = 0.01;

    /// <summary>Negatives drawn per observed pair of the sampled losses (the paper: 4). Default 8 (16 scored lower on validation).</summary>
    public int NegativesPerPositive { get; init; } = 8;

    /// <summary>
    /// The loss: against sampled negatives (the paper's binary cross-entropy, a sampled softmax or BPR) or the
    /// full-catalogue softmax. Default <see cref="DeepNcfLoss.FullSoftmax"/>: validation NDCG@10 0.208 (mean of three
    /// seeds) against the sampled softmax's 0.180 (BPR 0.152, BCE 0.118).
    /// </summary>
    public DeepNcfLoss Loss { get; init; } = DeepNcfLoss.FullSoftmax;

    /// <summary>
    /// Weight of each user's examples is n_u^−a (n_u = the user's training movies; scaled to mean 1), so heavy
    /// raters do not dominate a loss whose metric averages over users. 0 = every pair counts the same. Default 0.5.
    /// </summary>
    public double UserWeightExponent { get; init; } = 0.5;

    /// <summary>
    /// λ of the per-example L2 penalty on the embedding rows a batch touches (user rows, positive and drawn movie
    /// rows, both branches), as <see cref="MatrixFactorizationNN"/> regularises. 0 = none. Default 0: 0.003–0.1 all
    /// scored lower on validation (the short fixed schedule is the regulariser that helped).
    /// </summary>
    public double EmbeddingRegularization { get; init; }

    /// <summary>
    /// Negatives are drawn with probability ∝ (n_j + 1)^β, n_j = the movie's training count: 0 = uniform (the paper),
    /// 1 = popularity. With <see cref="DeepNcfLoss.SampledSoftmax"/> the draws get the log-q correction. Default 0.75
    /// (word2vec's exponent): popular movies, which full-catalogue ranking must order, are then drawn often enough to
    /// be learned; 1 scored lower. A folder saved before this option existed loads with 0, the value it was trained with.
    /// </summary>
    public double NegativeSamplingExponent { get; init; } = 0.75;

    /// <summary>
    /// Users per optimizer step with <see cref="DeepNcfLoss.FullSoftmax"/> (each scored against the whole catalogue,
    /// so memory grows with this times the catalogue size); <see cref="TrainingOptions.BatchSize"/> is the positives per
    /// step of the sampled losses and is not used then. Default 16 (39 steps an epoch on ml-latest-small; 32 scored
    /// lower on validation).
    /// </summary>
    public int UsersPerBatch { get; init; } = 16;

    /// <summary>
    /// Fixed factor of the learned logit (a softmax temperature of 1/scale): with weight decay holding the embeddings
    /// small, a scale above 1 lets the model express sharper distributions at the same norms. Ranking with no
    /// <see cref="PopularityPrior"/> is unchanged by it; the loss is not. Default 1.
    /// </summary>
    public double LogitScale { get; init; } = 1;

    /// <summary>
    /// Scale the GMF user and movie embeddings to unit length before their product (cosine-style GMF, as the two-tower
    /// model normalises; use with a <see cref="LogitScale"/> well above 1). Must match a saved model. Default false.
    /// </summary>
    public bool NormalizeGmf { get; init; }

    /// <summary>
    /// Weight w of a fixed, untrained prior w·ln(1 + n_j) added to every movie's logit (n_j = the movie's training
    /// count), so popularity does not have to survive the weight decay in the learned bias. Rebuilt from the saved
    /// ratings on load. 0 = none. Default 0.
    /// </summary>
    public double PopularityPrior { get; init; }

    /// <summary>
    /// Epochs of GMF-alone pre-training (full softmax only): a GMF module with the same settings is trained first and
    /// NeuMF's GMF branch starts from it (<see cref="NeuMfModule.InitialiseGmfFrom"/>, α = <see cref="PretrainAlpha"/>),
    /// the paper's pre-training for the GMF half (the MLP branch starts fresh). 0 = none. Training only. Default 0.
    /// </summary>
    public int GmfPretrainEpochs { get; init; }

    /// <summary>α of the pre-trained GMF branch's output weights (the MLP's are scaled by 1 − α). Default 0.5 (the paper).</summary>
    public double PretrainAlpha { get; init; } = 0.5;

    /// <summary>
    /// Add an SVD++ / FISM-style history vector to the GMF user embedding: p_u + n_u^−β·Σ_{j ∈ I_u} y_j over the user's
    /// training movies I_u, with its own movie table y (<see cref="UserHistoryEncoder"/>), so users who rated the same
    /// movies share part of their vector. Adds a weight table, so it must match a saved model. Default true (sixth round:
    /// with <see cref="FreeUserEmbedding"/> off, <see cref="HistoryInMlp"/> on and <see cref="HistoryDropout"/> 0.5,
    /// validation NDCG@10 0.2129 over three seeds against the free embeddings' 0.2075; history added to the free GMF
    /// embedding instead: 0.203).
    /// </summary>
    public bool UserHistory { get; init; } = true;

    /// <summary>
    /// β of the history vector's n_u^−β normalisation (0 = sum, 0.5 = FISM/SVD++, 1 = mean). Used with <see cref="UserHistory"/>.
    /// Default 0.5 (0.25 and 1 scored 0.200 and 0.185 on validation).
    /// </summary>
    public double HistoryWeightExponent { get; init; } = 0.5;

    /// <summary>
    /// Probability of dropping each history movie from the history vector during training (Mult-DAE's input dropout,
    /// kept rows scaled by 1/(1 − ρ); recommending uses the full history). Used with <see cref="UserHistory"/>. Default 0.5
    /// (0.25 and 0.4 scored the same on validation, 0 and 0.75 lower). Training only.
    /// </summary>
    public double HistoryDropout { get; init; } = 0.5;

    /// <summary>
    /// With <see cref="UserHistory"/>: false drops the free GMF user embedding p_u, so the GMF user vector is the history
    /// vector alone (FISM / an autoencoder of the user's movies; the unused table stays in the weights); true adds the two,
    /// as SVD++ does. Default false: the free embeddings let the model memorise each user's movies, the history vector does
    /// not (validation 0.2032 with them, 0.2085 without, both without dropout).
    /// </summary>
    public bool FreeUserEmbedding { get; init; }

    /// <summary>
    /// With <see cref="UserHistory"/>: the MLP branch's user vector gets a history vector too (its own y table; without
    /// <see cref="FreeUserEmbedding"/> it is that vector alone). Must match a saved model. Default true (validation
    /// 0.2129 over three seeds, GMF history alone 0.2119).
    /// </summary>
    public bool HistoryInMlp { get; init; } = true;

    /// <summary>Add a learned per-movie bias to the logit (<see cref="NeuMfModule"/>); must match a saved model's weights. Default true.</summary>
    public bool ItemBias { get; init; } = true;

    /// <summary>
    /// Training loop settings. Default: 20 epochs of AdamW at 0.01 with cosine decay to the end and weight decay 1
    /// (the regulariser the full softmax needs: 1e-4 scored 0.155, 0.5 and 1.5 about 0.175, 3 collapsed to
    /// popularity at 0.134; 30 epochs scored the same as 20). <see cref="TrainingOptions.BatchSize"/> 4096 positives
    /// applies to the sampled losses only (<see cref="UsersPerBatch"/> to the full softmax). Without a validation
    /// carve-out (the default) all epochs run.
    /// </summary>
    public TrainingOptions Training { get; init; } = new()
    {
        Epochs = 20,
        BatchSize = 4096,
        LearningRate = 1e-2,
        WeightDecay = 1.0,
        Patience = 3,
    };

    /// <summary>
    /// The third round's defaults (docs/alternative-models.md): the paper's architecture (32/32, [64, 32, 16]) with a
    /// sampled softmax against 8 popularity-drawn negatives and a fixed 16-epoch schedule (AdamW 0.005, weight decay
    /// 1e-4, batch 4,096), free user embeddings (no history vectors). Test NDCG@10 0.307.
    /// </summary>
    public static DeepNcfOptions SampledSoftmaxThirdRound => new()
    {
        GmfDimension = 32,
        MlpDimension = 32,
        HiddenSizes = [64, 32, 16],
        Loss = DeepNcfLoss.SampledSoftmax,
        UserHistory = false,
        FreeUserEmbedding = true,
        HistoryInMlp = false,
        HistoryDropout = 0,
        Training = new TrainingOptions { Epochs = 16, BatchSize = 4096, LearningRate = 5e-3, WeightDecay = 1e-4, Patience = 3 },
    };

    /// <summary>
    /// The fourth round's defaults, unchanged by the fifth (docs/alternative-models.md): the same network and training
    /// with free user embeddings in both branches instead of history vectors (<see cref="UserHistory"/> off). Validation
    /// NDCG@10 0.2075 (three seeds), test 0.3604.
    /// </summary>
    public static DeepNcfOptions FullSoftmaxFifthRound => new()
    {
        UserHistory = false,
        FreeUserEmbedding = true,
        HistoryInMlp = false,
        HistoryDropout = 0,
    };

    /// <summary>
    /// Share of each user's training movies held out (stratified per user) for early stopping; 0 = none, train on all
    /// of them for <see cref="TrainingOptions.Epochs"/>. Default 0 (the fixed schedule beat early stopping on the
    /// 10 % carve-out: validation NDCG@10 0.183 against 0.171, and it keeps those movies in training).
    /// </summary>
    public double ValidationFraction { get; init; }

    /// <summary>Seed of the validation carve-out. Default 7.</summary>
    public int ValidationSeed { get; init; } = 7;

    /// <summary>Cut-off of the validation metrics. Default 10.</summary>
    public int ValidationCutoff { get; init; } = 10;

    /// <summary>Validation metric early stopping watches: "ndcg", "recall" or "hr". Default "ndcg".</summary>
    public string ValidationMetric { get; init; } = "ndcg";

    /// <summary>
    /// Largest number of users scored per validation (evenly spaced), to bound its cost. Default 100 (the
    /// measured default; all 610 users now cost about a second per epoch with the factored scorer, but a default
    /// validated on all users has not been measured on the test split yet).
    /// </summary>
    public int ValidationUsers { get; init; } = 100;

    /// <inheritdoc/>
    public void Validate(string parameterName = "options")
    {
        NeuralLayers.Require(GmfDimension >= 1, "GmfDimension must be at least 1", parameterName);
        NeuralLayers.Require(MlpDimension >= 0, "MlpDimension must be zero (no MLP branch) or positive", parameterName);
        NeuralLayers.Require(LogitScale > 0 && double.IsFinite(LogitScale), "LogitScale must be positive", parameterName);
        NeuralLayers.Require(PopularityPrior >= 0 && double.IsFinite(PopularityPrior), "PopularityPrior must be zero or positive", parameterName);
        NeuralLayers.Require(HiddenSizes is not null && HiddenSizes.All(h => h >= 1), "HiddenSizes must be a list of positive widths", parameterName);
        NeuralLayers.Require(Dropout is >= 0 and < 1, "Dropout must be in [0, 1)", parameterName);
        NeuralLayers.Require(GmfPretrainEpochs >= 0, "GmfPretrainEpochs must be zero or positive", parameterName);
        NeuralLayers.Require(PretrainAlpha is >= 0 and <= 1, "PretrainAlpha must be in [0, 1]", parameterName);
        NeuralLayers.Require(HistoryWeightExponent is >= 0 and <= 1, "HistoryWeightExponent must be in [0, 1]", parameterName);
        NeuralLayers.Require(HistoryDropout is >= 0 and < 1, "HistoryDropout must be in [0, 1)", parameterName);
        NeuralLayers.Require(GmfDropout is >= 0 and < 1, "GmfDropout must be in [0, 1)", parameterName);
        NeuralLayers.Require(InitialScale >= 0 && double.IsFinite(InitialScale), "InitialScale must be zero or positive", parameterName);
        NeuralLayers.Require(UsersPerBatch >= 1, "UsersPerBatch must be at least 1", parameterName);
        NeuralLayers.Require(NegativesPerPositive >= 1, "NegativesPerPositive must be at least 1", parameterName);
        NeuralLayers.Require(ValidationFraction is >= 0 and < 1, "ValidationFraction must be in [0, 1)", parameterName);
        NeuralLayers.Require(ValidationCutoff >= 1, "ValidationCutoff must be at least 1", parameterName);
        NeuralLayers.Require(ValidationUsers >= 1, "ValidationUsers must be at least 1", parameterName);
        NeuralLayers.Require(UserWeightExponent is >= 0 and <= 1, "UserWeightExponent must be in [0, 1]", parameterName);
        NeuralLayers.Require(EmbeddingRegularization >= 0 && double.IsFinite(EmbeddingRegularization), "EmbeddingRegularization must be zero or positive", parameterName);
        NeuralLayers.Require(NegativeSamplingExponent is >= 0 and <= 1, "NegativeSamplingExponent must be in [0, 1]", parameterName);
        NeuralLayers.Require(Enum.IsDefined(Loss), $"Unknown loss {Loss}", parameterName);
        NeuralLayers.Require(ValidationMetric is "ndcg" or "recall" or "hr", "ValidationMetric must be ndcg, recall or hr", parameterName);
        NeuralLayers.Require(Training is not null, "Training must not be null", parameterName);
        Training!.Validate(parameterName);
    }
}
