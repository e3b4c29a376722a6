using System.Globalization;
using MovieRec.Splits;
using MovieRec.Training;

namespace MovieRec.Models.Neural;

/// <summary>
/// Neural Collaborative Filtering / NeuMF (He et al. 2017): a GMF branch and an MLP branch fused into one
/// logit (<see cref="NeuMfModule"/>, by default with a per-movie bias and with user vectors computed from the user's
/// training movies, <see cref="DeepNcfOptions.UserHistory"/>), trained on implicit feedback — every
/// rated movie is a positive — by default with a softmax over the whole catalogue per user (<see cref="DeepNcfLoss.FullSoftmax"/>);
/// sampled negatives are options (drawn ∝ popularity^β and compared with the positive by a log-q-corrected sampled
/// softmax, BPR, or the paper's uniform draws and binary cross-entropy), for a fixed number of epochs or, with <see cref="DeepNcfOptions.ValidationFraction"/> &gt; 0, early-stopped on
/// NDCG@10 of a per-user held-out share of the training movies. Recommends the unseen movies with the highest logit; similar movies by
/// cosine of the concatenated GMF and MLP movie embeddings. Not a rating predictor.
/// </summary>
public sealed class DeepNcf : PairwiseNeuralRecommender<DeepNcfOptions>
{
    /// <summary>A model with the documented defaults.</summary>
    public DeepNcf()
        : this(new DeepNcfOptions())
    {
    }

    /// <summary>A model with the given options (validated here).</summary>
    /// <param name="options">Configuration.</param>
    /// <param name="progress">Receives one report per epoch; null for silence.</param>
    /// <exception cref="ArgumentException">An option is out of range (parameter "options").</exception>
    public DeepNcf(DeepNcfOptions options, IProgress<EpochReport>? progress = null)
        : base(options, progress)
    {
    }

    /// <inheritdoc/>
    public override string Name => string.Create(
        CultureInfo.InvariantCulture,
        $"DeepNcf(gmf={Options.GmfDimension}, {(Options.MlpDimension == 0 ? "no mlp" : $"mlp={Options.MlpDimension}x[{string.Join(",", Options.HiddenSizes)}]")}, {(Options.UserHistory ? $"{(Options.FreeUserEmbedding ? "" : "history only, ")}history{(Options.HistoryInMlp && Options.MlpDimension > 0 ? " in gmf+mlp" : "")} β={Options.HistoryWeightExponent}{(Options.HistoryDropout > 0 ? $" drop={Options.HistoryDropout}" : "")}, " : "")}{(Options.NormalizeGmf ? "cosine gmf, " : "")}{(Options.LogitScale != 1 ? $"scale={Options.LogitScale}, " : "")}{(Options.PopularityPrior > 0 ? $"prior={Options.PopularityPrior}, " : "")}{(Options.Loss == DeepNcfLoss.FullSoftmax ? $"users/batch={Options.UsersPerBatch}" : $"neg={Options.NegativesPerPositive}")}, loss={Options.Loss}{(Options.ItemBias ? ", item bias" : "")})");

    /// <summary>
    /// Loads a model saved with <see cref="PairwiseNeuralRecommender{TOptions}.Save"/>. Options added since the folder
    /// was written take the value that model was trained with (<see cref="DeepNcfSavedOptions"/>), not today's default.
    /// </summary>
    /// <exception cref="InvalidDataException">A file is missing or corrupt, the folder holds another model type, or the weights do not match the saved configuration.</exception>
    public static DeepNcf Load(string directory) => LoadFolder(directory, options => new DeepNcf(DeepNcfSavedOptions.Restore(directory, options)));

    /// <inheritdoc/>
    protected override PairScoringModule CreateModule(TrainingData data)
    {
        var module = new NeuMfModule(
            data.UserVocabulary.Count,
            data.ItemVocabulary.Count,
            Options.GmfDimension,
            Options.MlpDimension,
            Options.HiddenSizes,
            Options.Dropout,
            Options.InitialScale,
            Options.ItemBias,
            Options.LogitScale,
            Options.PopularityPrior > 0 ? PopularityPrior(data.SeenItems, Options.PopularityPrior) : null,
            Options.GmfDropout,
            Options.NormalizeGmf,
            Options.UserHistory,
            Options.HistoryWeightExponent,
            Options.HistoryDropout,
            Options.FreeUserEmbedding,
            Options.HistoryInMlp);

        // All training movies: what Recommend uses (Train narrows it to the fit part while training when a carve-out is on).
        module.SetHistory(data.SeenItems);
        return module;
    }

    /// <summary>Trains GMF alone with the same settings for <see cref="DeepNcfOptions.GmfPretrainEpochs"/> and starts NeuMF's GMF branch from it.</summary>
    private void Pretrain(NeuMfModule module, TrainingData data, SeenItems fit)
    {
        using var gmf = (NeuMfModule)new DeepNcf(Options with { MlpDimension = 0 }).CreateModule(data);
        gmf.SetHistory(fit);
        using (var task = new FullSoftmaxTrainingTask(gmf, fit, null, Options))
        {
            TrainingLoop.Run(task, Options.Training with { Epochs = Options.GmfPretrainEpochs, BatchSize = Options.UsersPerBatch });
        }

        module.InitialiseGmfFrom(gmf, Options.PretrainAlpha);
    }

    /// <summary>w·ln(1 + n_j) per movie index, n_j = the movie's training count (all the data's ratings, so Load rebuilds the same values).</summary>
    private static float[] PopularityPrior(SeenItems seen, double weight)
    {
        var counts = new int[seen.ItemCount];
        foreach (var item in seen.ItemIndices)
        {
            counts[item]++;
        }

        return counts.Select(n => (float)(weight * Math.Log(1 + n))).ToArray();
    }

    /// <inheritdoc/>
    protected override (TrainingHistory History, long ExamplesPerEpoch) Train(PairScoringModule module, TrainingData data)
    {
        var fit = data.SeenItems;
        SeenItems? validation = null;
        if (Options.ValidationFraction > 0)
        {
            var split = StratifiedPerUserSplitter.Split(data.Ratings, Options.ValidationFraction, Options.ValidationSeed);
            if (split.Test.Count > 0 && split.Train.Count > 0)
            {
                fit = SeenItems.Build(split.Train, data.UserVocabulary, data.ItemVocabulary);
                validation = SeenItems.Build(split.Test, data.UserVocabulary, data.ItemVocabulary);
            }
        }

        var neuMf = (NeuMfModule)module;
        neuMf.SetHistory(fit);
        try
        {
            return TrainOn(neuMf, data, fit, validation);
        }
        finally
        {
            neuMf.SetHistory(data.SeenItems);
        }
    }

    private (TrainingHistory History, long ExamplesPerEpoch) TrainOn(NeuMfModule module, TrainingData data, SeenItems fit, SeenItems? validation)
    {
        if (Options.Loss == DeepNcfLoss.FullSoftmax)
        {
            if (Options.GmfPretrainEpochs > 0 && Options.MlpDimension > 0)
            {
                Pretrain(module, data, fit);
            }

            // One example per user, each scored against every movie: an epoch scores users × movies pairs.
            using var full = new FullSoftmaxTrainingTask(module, fit, validation, Options);
            var history = TrainingLoop.Run(full, Options.Training with { BatchSize = Options.UsersPerBatch }, Progress);
            return (history, full.ExampleCount * fit.ItemCount);
        }

        using var task = new ImplicitTrainingTask(module, fit, validation, Options);
        return (TrainingLoop.Run(task, Options.Training, Progress), task.ExampleCount * (1 + Options.NegativesPerPositive));
    }
}
