using MovieRec.Training;

namespace MovieRec.Models.TwoTower;

/// <summary>
/// Configuration of <see cref="TwoTowerRecommender"/>. The defaults were tuned on a validation split of the
/// ml-latest-small training set (docs/two-tower.md) and train in well under two minutes on two cores.
/// Architecture fields (those listed by <see cref="ArchitectureDifferences"/>) must match a checkpoint to load it.
/// </summary>
public sealed record TwoTowerOptions
{
    /// <summary>Size of the final user and item vectors and of the id embeddings. Default 64.</summary>
    public int EmbeddingDimension { get; init; } = 64;

    /// <summary>Hidden layer sizes of each tower's MLP (ReLU); empty means one linear layer. Default [256].</summary>
    public int[] HiddenSizes { get; init; } = [256];

    /// <summary>
    /// Standard deviation of the normal initialisation of every id embedding. Small, so movies with few
    /// ratings start near their content features instead of near a random direction (which would add
    /// score noise that puts rarely-seen movies on top). Default 0.05.
    /// </summary>
    public double InitialEmbeddingScale { get; init; } = 0.05;

    /// <summary>Size of the release-year bucket embedding in the item tower. Default 8.</summary>
    public int YearEmbeddingDimension { get; init; } = 8;

    /// <summary>Width in years of one release-year bucket. Default 5.</summary>
    public int YearBucketWidth { get; init; } = 5;

    /// <summary>
    /// Give the user tower a learned per-user id embedding besides the history features. Default false: on
    /// ml-latest-small it overfit (users are described better by their history than by an id).
    /// </summary>
    public bool UseUserIdEmbedding { get; init; }

    /// <summary>
    /// Pool the user's history with the item tower's id embeddings (true) or with a separate table (false).
    /// Default true.
    /// </summary>
    public bool ShareItemEmbeddings { get; init; } = true;

    /// <summary>
    /// History items drawn per training example (uniformly from the user's training items, the target left
    /// out); users with no more items use all of them. At recommendation time the whole history is pooled.
    /// Default 64.
    /// </summary>
    public int HistorySampleSize { get; init; } = 64;

    /// <summary>Probability of dropping each sampled history item during training. Default 0.</summary>
    public double HistoryDropout { get; init; }

    /// <summary>Dropout between MLP layers during training. Default 0.</summary>
    public double Dropout { get; init; }

    /// <summary>L2-normalise both towers' outputs (scores are cosines divided by <see cref="Temperature"/> in the loss). Default true.</summary>
    public bool NormalizeEmbeddings { get; init; } = true;

    /// <summary>Softmax temperature: logits are dot products divided by it. Default 0.05.</summary>
    public double Temperature { get; init; } = 0.05;

    /// <summary>
    /// The training loss: an in-batch sampled softmax with log-Q correction (default), a softmax over the
    /// whole catalogue per example, which encodes every movie once per batch (several times the CPU on
    /// ml-latest-small; see docs/two-tower.md), or the per-user multinomial loss (one example per user; an
    /// epoch is one pass over the users, so it needs many more epochs and smaller batches: start from
    /// <see cref="UserMultinomialTuned"/>).
    /// </summary>
    public TwoTowerLoss Loss { get; init; } = TwoTowerLoss.InBatchSampledSoftmax;

    /// <summary>
    /// With <see cref="TwoTowerLoss.UserMultinomial"/>: the share of each user's training items drawn (anew each
    /// epoch) as the input the user tower pools; the rest are the targets. Rounded per user and clamped so at
    /// least one item is input and one is target. Range (0, 1). Default 0.5.
    /// </summary>
    public double InputFraction { get; init; } = 0.5;

    /// <summary>
    /// With <see cref="TwoTowerLoss.UserMultinomial"/>: every training item of the user is a target, the input
    /// items included and not masked (Mult-DAE's reconstruction of the whole row from a corrupted input);
    /// false predicts only the items left out of the input. Default false.
    /// </summary>
    public bool ReconstructInput { get; init; }

    /// <summary>
    /// With <see cref="TwoTowerLoss.UserMultinomial"/>: γ·log p_j (p_j = movie j's smoothed share of training
    /// ratings) is subtracted from every training logit, so the learned dot products rank popular movies higher
    /// than the plain likelihood would — the counterpart of a log-Q weight above 1 in the sampled loss (the
    /// evaluation rewards popular movies). Range [0, 2]. Default 0.
    /// </summary>
    public double PopularityBoost { get; init; }

    /// <summary>
    /// Exponent β of the per-user example weight n_u^-β (n_u = the user's training items), so heavy users do
    /// not dominate a loss whose evaluation averages users; 0 weights every example equally. Default 1
    /// (every user counts equally; +0.008 NDCG@10 on the tuning split, docs/two-tower.md).
    /// </summary>
    public double UserWeightExponent { get; init; } = 1.0;

    /// <summary>Subtract the log of each candidate's sampling probability from its logit (Yi et al., RecSys 2019). Default true.</summary>
    public bool LogQCorrection { get; init; } = true;

    /// <summary>
    /// Weight α of the log-Q correction: α·log q_j is subtracted (with <see cref="LogQCorrection"/> on). 1 is the
    /// full correction (the sampled softmax estimates the full softmax); below 1 popular movies are pushed down
    /// as in-batch negatives more than the full softmax would, above 1 less. Range [0, 4]. Default 2: the
    /// evaluation rewards popular movies, and on the tuning split α = 2 beat 1.5, 1 and 0.5 (docs/two-tower.md).
    /// </summary>
    public double LogQCorrectionWeight { get; init; } = 2.0;

    /// <summary>
    /// Exponent γ of the rating weight of each history item in the user tower's pooling: item j of the
    /// history counts max(r_j, 0.5)^γ (r_j = the user's rating). 0 pools all rated movies equally; larger values
    /// let highly rated movies describe the user more. Used in training, for known users and for
    /// TwoTowerRecommender.RecommendFromRatings; part of the architecture. Default 0.
    /// </summary>
    public double HistoryRatingExponent { get; init; }

    /// <summary>
    /// Give the item tower a popularity feature: log(1 + training ratings of the movie) / log(1 + the largest
    /// count), fixed at fit time and saved with the weights. Part of the architecture. Default false.
    /// </summary>
    public bool ItemPopularityFeature { get; init; }

    /// <summary>
    /// Give every item a learned bias b_i added to its score: u·i + b_i, kept a plain dot product by ending every
    /// user vector in a constant 1 and every item vector in b_i (so the cached vectors, UserVectors/ItemVectors and
    /// approximate indexes are <see cref="EmbeddingDimension"/> + 1 wide; SimilarItems uses the first
    /// <see cref="EmbeddingDimension"/> columns only). Training logits are (u·i + b_i) / <see cref="Temperature"/>,
    /// log-Q still subtracted. Lets the model learn popularity outside the directions. Part of the architecture;
    /// a folder saved before it existed loads with it off. Default false.
    /// </summary>
    public bool ItemBias { get; init; }

    /// <summary>
    /// With <see cref="ItemBias"/>: start b_i at <see cref="Temperature"/>·(log p_i − mean log p) (p_i = the movie's
    /// smoothed share of training ratings) instead of 0. A training setting. Default false.
    /// </summary>
    public bool ItemBiasFromPopularity { get; init; }

    /// <summary>Mask candidates that are among the user's training items (other than the target). Default true.</summary>
    public bool RemoveAccidentalHits { get; init; } = true;

    /// <summary>Extra negatives per batch drawn uniformly from the catalogue, shared by all rows. Default 0.</summary>
    public int UniformNegatives { get; init; }

    /// <summary>
    /// Update the large id tables (movie ids; also the separate history table and the user-id table when those exist)
    /// row by row with a lazy Adam/AdamW (<see cref="LazyAdamTable"/>) instead of through the dense optimizer: each
    /// step only the rows the batch looks up get a gradient, moments and an update, so no table-sized gradient or
    /// optimizer temporary is allocated per step (on the ML-25M shape those made glibc's resident set saw-tooth past
    /// 4 GiB; docs/benchmarks-twotower.md). Untouched rows keep their moments instead of decaying them, so results
    /// differ slightly from dense AdamW (same quality on ml-latest-small: test NDCG@10 0.3411 vs 0.3404,
    /// docs/two-tower.md). Applies to the in-batch and full softmax losses; the per-user multinomial loss reads the
    /// whole catalogue every step and always updates densely. Needs Training.GradientClipNorm = 0 (the clip would see
    /// the dense parameters only). A training setting, saved with the model; a folder saved before it existed loads
    /// with it off (its old behaviour). Default true.
    /// </summary>
    public bool SparseEmbeddingUpdates { get; init; } = true;

    /// <summary>
    /// Share of each user's training ratings held out for per-epoch validation and early stopping
    /// (0 disables validation; all epochs run). Held-out items still enter the user's history at
    /// recommendation time. Default 0.1.
    /// </summary>
    public double ValidationFraction { get; init; } = 0.1;

    /// <summary>Seed of the validation carve-out (distinct from the evaluation split's seed). Default 7.</summary>
    public int ValidationSeed { get; init; } = 7;

    /// <summary>Cut-off K of the validation metrics. Default 20.</summary>
    public int ValidationCutoff { get; init; } = 20;

    /// <summary>Validation metric early stopping watches: "recall" or "ndcg" (at <see cref="ValidationCutoff"/>). Default "recall".</summary>
    public string ValidationMetric { get; init; } = "recall";

    /// <summary>
    /// Shared training-loop options. Defaults: 8 epochs, batch 512, AdamW at 0.01 with cosine decay to 5 %,
    /// no weight decay, patience 3, seed 42.
    /// </summary>
    public TrainingOptions Training { get; init; } = new()
    {
        Epochs = 8,
        BatchSize = 512,
        LearningRate = 1e-2,
        WeightDecay = 0,
        Optimizer = OptimizerKind.AdamW,
        Schedule = LearningRateSchedule.Cosine,
        Patience = 3,
        Seed = 42,
    };

    /// <summary>
    /// The <see cref="TwoTowerLoss.UserMultinomial"/> settings tuned on the validation split (docs/two-tower.md):
    /// temperature 0.1, input fraction 0.7, input reconstructed, popularity boost 1; batches of 128 users,
    /// learning rate 0.005 (cosine), up to 60 epochs with patience 10. Everything else as the defaults. Not the
    /// default: it scored higher on the tuning split (mean of three seeds 0.132 vs 0.123) but lower on the test
    /// protocol (NDCG@10 0.3384 vs 0.3404).
    /// </summary>
    public static TwoTowerOptions UserMultinomialTuned => new()
    {
        Loss = TwoTowerLoss.UserMultinomial,
        Temperature = 0.1,
        InputFraction = 0.7,
        ReconstructInput = true,
        PopularityBoost = 1.0,
        Training = new TwoTowerOptions().Training with { Epochs = 60, BatchSize = 128, LearningRate = 0.005, Patience = 10 },
    };

    // ---- EASE distillation (session 6): HistoryPooling, EmbeddingOnlyTowers, TeacherLambda, EaseDistilled ----

    /// <summary>
    /// How the user tower pools the history's id embeddings: the mean (default) or the sum (X·W, which scales with the
    /// history as EASE's X·B does; see <see cref="TwoTower.HistoryPooling"/>). Part of the architecture; a folder saved
    /// before it existed loads with Mean.
    /// </summary>
    public HistoryPooling HistoryPooling { get; init; } = HistoryPooling.Mean;

    /// <summary>
    /// Make each tower its id embedding alone: the item vector is the movie-id embedding, the user vector the pooled
    /// history embedding (a separate table with <see cref="ShareItemEmbeddings"/> false), with no genre, year or
    /// popularity features and no MLP or linear layer (<see cref="HiddenSizes"/> and <see cref="Dropout"/> unused) — the
    /// plain linear factor model X·W·Vᵀ a distilled student needs. Cannot be combined with <see cref="UseUserIdEmbedding"/>.
    /// Part of the architecture; a folder saved before it existed loads with false. Default false.
    /// </summary>
    public bool EmbeddingOnlyTowers { get; init; }

    /// <summary>
    /// With <see cref="TwoTowerLoss.EaseDistillation"/>: the L2 penalty λ of the EASE teacher fitted inside Fit. A
    /// training setting (the teacher is not saved). Default 300, <see cref="Baselines.EaseOptions.Lambda"/>'s default.
    /// </summary>
    public double TeacherLambda { get; init; } = Baselines.EaseOptions.Default.Lambda;

    /// <summary>
    /// The <see cref="TwoTowerLoss.EaseDistillation"/> student (docs/two-tower.md, "Distillation from EASE"): a linear
    /// two-tower (<see cref="EmbeddingOnlyTowers"/>) — user vector = the sum of a separate history table's rows over the
    /// user's movies, item vector = the movie-id embedding, no features, no layers, no L2 normalisation, d = 64, id
    /// embeddings initialised at N(0, 0.01²) — trained to reproduce an EASE (λ 300) teacher's
    /// scores on the movies each user has not rated. Full batch (all users in one step), Adam at a constant 0.003, 300
    /// epochs, no validation carve-out (the teacher and the student both see all the training ratings), seed 42.
    /// </summary>
    public static TwoTowerOptions EaseDistilled => new()
    {
        Loss = TwoTowerLoss.EaseDistillation,
        EmbeddingOnlyTowers = true,
        HiddenSizes = [],
        NormalizeEmbeddings = false,
        ShareItemEmbeddings = false,
        HistoryPooling = HistoryPooling.Sum,
        InitialEmbeddingScale = 0.01,
        ValidationFraction = 0,
        Training = new TwoTowerOptions().Training with
        {
            Epochs = 300,
            BatchSize = 4096,
            LearningRate = 0.003,
            Optimizer = OptimizerKind.Adam,
            Schedule = LearningRateSchedule.Constant,
        },
    };

    // ---- end of EASE distillation ----

    /// <summary>Throws <see cref="ArgumentException"/> naming <paramref name="parameterName"/> for an invalid value.</summary>
    public void Validate(string parameterName = "options")
    {
        void Require(bool condition, string message)
        {
            if (!condition)
            {
                throw new ArgumentException(message + ".", parameterName);
            }
        }

        Require(EmbeddingDimension >= 1, "EmbeddingDimension must be at least 1");
        Require(HiddenSizes is not null && HiddenSizes.All(h => h >= 1), "HiddenSizes must be positive");
        Require(InitialEmbeddingScale > 0 && double.IsFinite(InitialEmbeddingScale), "InitialEmbeddingScale must be positive");
        Require(YearEmbeddingDimension >= 1, "YearEmbeddingDimension must be at least 1");
        Require(YearBucketWidth >= 1, "YearBucketWidth must be at least 1");
        Require(HistorySampleSize >= 1, "HistorySampleSize must be at least 1");
        Require(HistoryDropout is >= 0 and < 1, "HistoryDropout must be in [0, 1)");
        Require(Dropout is >= 0 and < 1, "Dropout must be in [0, 1)");
        Require(Temperature > 0 && double.IsFinite(Temperature), "Temperature must be positive");
        Require(Enum.IsDefined(Loss), "Loss must be a defined TwoTowerLoss");
        Require(InputFraction is > 0 and < 1, "InputFraction must be in (0, 1)");
        Require(PopularityBoost is >= 0 and <= 2, "PopularityBoost must be in [0, 2]");
        Require(UserWeightExponent is >= 0 and <= 2, "UserWeightExponent must be in [0, 2]");
        Require(LogQCorrectionWeight is >= 0 and <= 4, "LogQCorrectionWeight must be in [0, 4]");
        Require(HistoryRatingExponent is >= 0 and <= 4, "HistoryRatingExponent must be in [0, 4]");
        Require(UniformNegatives >= 0, "UniformNegatives must not be negative");
        Require(ValidationFraction is >= 0 and < 1, "ValidationFraction must be in [0, 1)");
        Require(ValidationCutoff >= 1, "ValidationCutoff must be at least 1");
        Require(ValidationMetric is "recall" or "ndcg", "ValidationMetric must be \"recall\" or \"ndcg\"");
        Require(Enum.IsDefined(HistoryPooling), "HistoryPooling must be a defined HistoryPooling");
        Require(TeacherLambda > 0 && double.IsFinite(TeacherLambda), "TeacherLambda must be positive");
        Require(!(EmbeddingOnlyTowers && UseUserIdEmbedding), "EmbeddingOnlyTowers cannot be combined with UseUserIdEmbedding");
        Require(Training is not null, "Training options are required");
        Require(
            !SparseEmbeddingUpdates || Loss == TwoTowerLoss.UserMultinomial || Training!.GradientClipNorm == 0,
            "SparseEmbeddingUpdates needs Training.GradientClipNorm = 0 (the clip would see the dense parameters only); set SparseEmbeddingUpdates = false to clip");
        Training!.Validate(parameterName);
    }

    /// <summary>
    /// The architecture settings that differ between these options and <paramref name="other"/>, as
    /// "Name: this vs other" strings; empty when a checkpoint of one fits a model built from the other.
    /// </summary>
    public IReadOnlyList<string> ArchitectureDifferences(TwoTowerOptions other)
    {
        ArgumentNullException.ThrowIfNull(other);
        var differences = new List<string>();
        void Compare<T>(string name, T mine, T theirs)
        {
            if (!EqualityComparer<T>.Default.Equals(mine, theirs))
            {
                differences.Add($"{name}: {mine} vs {theirs}");
            }
        }

        Compare(nameof(EmbeddingDimension), EmbeddingDimension, other.EmbeddingDimension);
        Compare(nameof(HiddenSizes), "[" + string.Join(", ", HiddenSizes) + "]", "[" + string.Join(", ", other.HiddenSizes) + "]");
        Compare(nameof(YearEmbeddingDimension), YearEmbeddingDimension, other.YearEmbeddingDimension);
        Compare(nameof(YearBucketWidth), YearBucketWidth, other.YearBucketWidth);
        Compare(nameof(UseUserIdEmbedding), UseUserIdEmbedding, other.UseUserIdEmbedding);
        Compare(nameof(ShareItemEmbeddings), ShareItemEmbeddings, other.ShareItemEmbeddings);
        Compare(nameof(NormalizeEmbeddings), NormalizeEmbeddings, other.NormalizeEmbeddings);
        Compare(nameof(HistoryRatingExponent), HistoryRatingExponent, other.HistoryRatingExponent);
        Compare(nameof(ItemPopularityFeature), ItemPopularityFeature, other.ItemPopularityFeature);
        Compare(nameof(ItemBias), ItemBias, other.ItemBias);
        Compare(nameof(HistoryPooling), HistoryPooling, other.HistoryPooling);
        Compare(nameof(EmbeddingOnlyTowers), EmbeddingOnlyTowers, other.EmbeddingOnlyTowers);
        return differences;
    }
}
